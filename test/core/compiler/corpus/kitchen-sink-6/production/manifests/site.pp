$top = 'T'
class from_top { notify { "from_top sees node var: [${node_var}] top: ${top}": } }
include from_top
class from_node { notify { "from_node sees node var: [${node_var}] title: ${title} name: ${name}": } }
node 'web1.example.com' {
  $node_var = 'N'
  tag 'nodetag'
  include from_node
  notify { "node: title=[${title}] name=[${name}] module=[${module_name}] tagged=${tagged('nodetag')} web=${tagged('web1.example.com')}": }
  if defined('$node_var') { notify { 'node var defined': } }
  if defined('$nothing') { notify { 'never': } }
  class { 'resource_like': p => $node_var }
}
class resource_like($p) { notify { "resource-like ${p} ${node_var}": } }
