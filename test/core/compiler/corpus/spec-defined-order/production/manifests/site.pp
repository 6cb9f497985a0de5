notify { 'before': message => [defined(Notify['later']), defined(Class['c'])] }
class c { }
include c
notify { 'later': }
notify { 'after': message => [defined(Notify['later']), defined(Class['c'])] }
