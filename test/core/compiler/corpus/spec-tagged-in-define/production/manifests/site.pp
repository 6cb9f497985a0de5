define d() { notify { "d ${title}": message => [tagged('d'), tagged($title), tagged('c'), tagged('nope')] } }
class c { d { 'x': } }
include c
