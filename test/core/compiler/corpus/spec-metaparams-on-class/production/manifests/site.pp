class c { notify { 'inside': } }
class { 'c': noop => true, tag => 'extra', schedule => 'daily', loglevel => 'debug' }
schedule { 'daily': period => daily }
