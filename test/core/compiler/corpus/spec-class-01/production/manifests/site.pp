class bar { notify { 'bar': } }
class foo::bar { notify { 'foo::bar': } }
class foo inherits bar { notify { 'foo': } }

include foo
