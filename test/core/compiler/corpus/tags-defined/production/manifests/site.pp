class tagged_class {
  tag 'custom', 'Web::Tier'
  notify { 'in tagged': tag => ['extra'] }
  if tagged('custom') { notify { 'is tagged custom': } }
  if tagged('tagged_class') { notify { 'is tagged class': } }
}
include tagged_class
file { '/x': tag => 'filetag' }
if defined(File['/x']) { notify { 'file defined': } }
if defined('tagged_class') { notify { 'class defined': } }
if !defined(File['/nope']) { notify { 'nope undefined': } }
if defined('$facts') { notify { 'var defined': } }
if defined(Notify) { notify { 'type defined': } }
