define outer() { inner { "${title}-inner": } }
define inner($v = 'orig') { notify { "${title} v=${v}": } }
outer { 'o1': }
Inner <| title == 'o1-inner' |> { v => 'collected' }
@inner { 'virt': }
Inner <| title == 'virt' |>
type Port = Integer[1, 65535]
class aliased(Port $p = 80, Variant[Port, Enum['auto']] $q = 'auto') { notify { "aliased ${p} ${q}": } }
include aliased
$t = [1, 'a'] =~ Tuple[Integer, String]
notify { "tuple ${t} ${8080 =~ Port}": }
