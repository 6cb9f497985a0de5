$name_ = 'world'
$h = { 'k' => 'v', 'n' => { 'deep' => 42 } }
$a = [1, 'two', [3]]
notify { 's1': message => "hello ${name_}!" }
notify { 's2': message => "hello $name_ and ${h['k']} ${h['n']['deep']}" }
notify { 's3': message => 'single $name_ \' quoted' }
notify { 's4': message => "tab\there \"quotes\" \$dollar \\ backslash \u00e9" }
notify { 's5': message => "array ${a} hash ${h} math ${1 + 2} undef '${undef}'" }
notify { 's6': message => "${facts['os']['family'].downcase}-${$a[1]}" }
notify { "title ${name_}": }
