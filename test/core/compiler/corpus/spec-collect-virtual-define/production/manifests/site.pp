define thing($msg) { notify { "thing ${title}": message => $msg } }
@thing { 'one': msg => 'first' }
@thing { 'two': msg => 'second' }
Thing <| msg == 'second' |>
