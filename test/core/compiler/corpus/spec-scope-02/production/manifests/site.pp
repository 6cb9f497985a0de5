$var = ["top_msg"]
node default {
  $var -= ["top_msg"]
}
