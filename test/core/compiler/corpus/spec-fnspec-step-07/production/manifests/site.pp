[1].step('three') |$x| {  }
