$msg = inline_template('<%= scope().call_function("with", ["yes"]) { |x| x } %>')
notify { 'something': message => $msg }
