# EPP: -%> trims the blanks after it also without a line break (puppetlabs-apt's source.list.epp)
$opts = {}
$t = inline_epp(@(EPP))
  deb <% if !$opts.empty() { -%>[x] <% } -%> http://a.example b
  one <%- $x = 1 -%>   two
  three <%# comment -%>  four
  five <% if true { -%>	six<% } -%>
  seven -%> eight
  | EPP
notify { 'epp': message => $t }
