type MyPort = Integer[1, 65535]
type MyList = Array[MyPort, 1]
type Rec = Variant[String, Array[Rec]]
notify { '01 80 =~ MyPort': message => 80 =~ MyPort }
notify { '02 0 =~ MyPort': message => 0 =~ MyPort }
notify { '03 [22, 80] =~ MyList': message => [22, 80] =~ MyList }
notify { '04 [] =~ MyList': message => [] =~ MyList }
notify { '05 [\'a\', [\'b\', [\'c\']]] =~ Rec': message => ['a', ['b', ['c']]] =~ Rec }
notify { '06 [1] =~ Rec': message => [1] =~ Rec }
notify { '07 String(MyPort)': message => String(MyPort) }
class c(MyPort $port = 8080) { notify { 'port': message => $port } }
include c
