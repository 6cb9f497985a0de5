$var = ["top_msg"]
node default {
  $var += ["override"]
}
