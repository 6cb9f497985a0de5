$a = [1,[2,[3,[4,[5]]]]]
$msg = inline_epp(@(TEMPLATE))
  <% $a.tree_each({include_containers => false}).step(2) |$v| { -%>
  path: <%= $v[0] %> value: <%= $v[1] %>
  <% } -%>
  | TEMPLATE
notify {'test': message => $msg}
