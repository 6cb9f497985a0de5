$a = { 'a' => 'apple', 'b' => 'banana', 'c' => { 'd' => [1, { 'e' => 2 }] } }
$msg = inline_epp(@(TEMPLATE))
  <% $a.tree_each() |$path, $v| { -%>
  path: <%= $path %> value: <%= $v %>
  <% } -%>
  | TEMPLATE
notify { 'test': message => $msg }
