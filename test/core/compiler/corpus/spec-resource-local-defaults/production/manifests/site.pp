notify { example:;                     default: message => defaulted }
notify { ex2: message => specific; default: message => defaulted }
notify { ex3: message => undef;    default: message => defaulted }
notify { [ex4, other]: ;           default: message => defaulted }
notify { [ex5, default]: message => set; other5: }
