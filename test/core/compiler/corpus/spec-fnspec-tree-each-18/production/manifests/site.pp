$a = [1,[2,[3], 4], 5]
$msg = inline_epp(@(TEMPLATE))
  <% $a.tree_each({order => breadth_first, include_containers => false}) |$path, $v| { -%>
  path: <%= $path %> value: <%= $v %>
  <% } -%>
  | TEMPLATE
notify {'test': message => $msg}
