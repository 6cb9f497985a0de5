class typed2(Array[String] $list = 'notalist') { }
include typed2
