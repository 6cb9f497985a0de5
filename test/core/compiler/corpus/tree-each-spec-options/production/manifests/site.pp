$a = [1, [2, [3]], { 'k' => 4 }]
$fmt = @(TEMPLATE)
  <% $a.tree_each($opts) |$path, $v| { -%>
  path: <%= $path %> value: <%= $v %>
  <% } -%>
  | TEMPLATE
notify { 'no-containers': message => inline_epp($fmt, { 'a' => $a, 'opts' => { 'include_containers' => false } }) }
notify { 'no-values': message => inline_epp($fmt, { 'a' => $a, 'opts' => { 'include_values' => false } }) }
notify { 'no-root': message => inline_epp($fmt, { 'a' => $a, 'opts' => { 'include_root' => false } }) }
notify { 'breadth': message => inline_epp($fmt, { 'a' => $a, 'opts' => { 'order' => 'breadth_first' } }) }
notify { 'breadth-no-root': message => inline_epp($fmt, { 'a' => $a, 'opts' => { 'order' => 'breadth_first', 'include_root' => false } }) }
