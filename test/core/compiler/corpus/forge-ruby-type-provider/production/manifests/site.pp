# A module's Ruby type with providers has a provider parameter.
gadget { '/srv/a': provider => posix, size => 1 }
