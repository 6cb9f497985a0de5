$a = [1,[2,[3]]]
$msg = inline_epp(@(TEMPLATE))
  <% $a.tree_each({include_containers => false}).reverse_each |$v| { -%>
  path: <%= $v[0] %> value: <%= $v[1] %>
  <% } -%>
  | TEMPLATE
notify {'test': message => $msg}
