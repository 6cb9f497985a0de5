node noden {}
node nodename { notify { matched: } }
node name {}
