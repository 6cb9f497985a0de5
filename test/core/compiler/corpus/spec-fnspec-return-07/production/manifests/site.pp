# line 1
# line 2
$result = with(1) |$x| { with($x) |$x| {return(100) }}
notice $result
