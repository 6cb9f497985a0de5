$n = 5
if $n > 10 { notify { 'big': } }
elsif $n > 3 { notify { 'medium': } }
else { notify { 'small': } }
unless $n == 5 { notify { 'not five': } } else { notify { 'five': } }
