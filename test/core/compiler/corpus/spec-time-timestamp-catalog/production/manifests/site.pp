# A Timestamp and a Timespan as resource parameters: strings in the catalog (not rich data)
$t = Timestamp('2016-09-23T13:14:15.123 UTC')
notify { 'stamp': message => $t }
notify { 'span': message => Timespan('1-02:03:04.5') }
notify { 'nested': message => { 'at' => $t, 'list' => [$t, Timespan(90)] } }
notify { "title ${t}": message => "${t} / ${Timespan(90)}" }
file { '/tmp/x': ensure => file, content => String($t) }
# String() of a collection holding one, and Ruby's inspect in a template, show Ruby's object (with its address): left to Puppet.
notify { 'strings': message => ["${[$t]}", "${{ 'k' => Timespan(1) }}", inline_template('<%= @t %>'), String($t)] }
