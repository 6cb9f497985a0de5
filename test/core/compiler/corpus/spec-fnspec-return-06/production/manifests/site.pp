function nested_return() {
  with(1) |$x| { with($x) |$x| {return(100) }}
}
notice nested_return()
