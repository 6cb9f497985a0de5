[1].step(1) |$v1, $v2=extra| {  }
