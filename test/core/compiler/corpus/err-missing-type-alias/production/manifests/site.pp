class paths(Stdlib::Absolutepath $dir = '/srv') { }
include paths
