class base { notify { 'base': } }
class debian_extras { notify { 'debian': } }
node default { hiera_include('classes') }
