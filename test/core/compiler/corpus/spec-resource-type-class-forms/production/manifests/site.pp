class a { notify { testing: } }
class b { notify { testing2: } }
class c { notify { testing3: } }
class { a: }
Class { b: }
Resource['class'] { c: }
