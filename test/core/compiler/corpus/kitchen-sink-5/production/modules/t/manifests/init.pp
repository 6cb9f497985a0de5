class t($value = 'tv') {
  file { '/a': content => epp('t/a.epp', { 'name' => 'svc', 'opts' => { 'x' => 1, 'y' => 'z' }, 'n' => 5 }) }
  file { '/a2': content => epp('t/a.epp', { 'name' => 'other' }) }
  file { '/b': content => epp('t/b.epp') }
  $heredoc = @("EOT"/tn$)
    tab:\there
    	real tab kept
    dollar \$x and ${value}
    |-EOT
  file { '/h': content => $heredoc }
  $raw = @(RAW)
    ${not} $interpolated \n
    | RAW
  file { '/r': content => $raw }
}
