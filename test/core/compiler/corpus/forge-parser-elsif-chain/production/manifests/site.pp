# An if with several elsif branches (apache, ntp and postgresql write them).
$values = ['a', 'b', 'c', 'd']
$values.each |$v| {
  if $v == 'a' {
    notify { "first ${v}": }
  } elsif $v == 'b' {
    notify { "second ${v}": }
  } elsif $v == 'c' {
    notify { "third ${v}": }
  } else {
    notify { "otherwise ${v}": }
  }
}
if false { notify { 'never': } } elsif false { notify { 'nor': } } elsif true { notify { 'third branch': } }
