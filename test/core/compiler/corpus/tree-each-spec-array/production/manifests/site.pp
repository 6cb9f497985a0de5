# spec/unit/functions/tree_each_spec.rb
$a = [1, [2, [3]]]
$msg = inline_epp(@(TEMPLATE))
  <% $a.tree_each() |$path, $v| { -%>
  path: <%= $path %> value: <%= $v %>
  <% } -%>
  | TEMPLATE
notify { 'test': message => $msg }
$msg2 = inline_epp(@(TEMPLATE))
  <% $a.tree_each() |$v| { -%>
  value: <%= $v %>
  <% } -%>
  | TEMPLATE
notify { 'one-param': message => $msg2 }
