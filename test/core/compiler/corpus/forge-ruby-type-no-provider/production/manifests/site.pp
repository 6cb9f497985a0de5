# A module's Ruby type without providers has no provider parameter.
gadget { '/srv/a': provider => posix }
