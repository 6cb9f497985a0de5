# An attribute a module's Ruby type does not have is Puppet's error.
gadget { '/srv/a': size => 2, weight => 3 }
