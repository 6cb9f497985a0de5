$a = "hello" =~ /.*/
