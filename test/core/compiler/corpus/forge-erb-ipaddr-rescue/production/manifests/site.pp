# Ruby in puppetlabs-haproxy's fragments/_bind.erb: require 'ipaddr', begin/rescue around IPAddr.new, sort_by on arrays.
$ips = ['10.0.0.1', 'web-1.example.com', '::1', '2001:db8::1/64', '10.0.0.300', '*', '01.2.3.4', '10.0.0.0/24', 'fe80::1:2:3:4:5:6:7']
$bind = { '10.0.0.10:80' => ['ssl'], ':443' => 'crt x', '10.0.0.9:8080' => [], '192.168.1.1:81' => 'a' }
$t = inline_template(@(ERB))
  <%
  require 'ipaddr'
  @ips.each do |virtual_ip|
    begin
      IPAddr.new(virtual_ip)
      valid_ip = true
    rescue ArgumentError => e
      valid_ip = false
      why = e
    ensure
      checked = true
    end
  -%>
  <%= virtual_ip %> <%= valid_ip %> <%= why.inspect %> <%= checked %> <%= (! valid_ip and ! String(virtual_ip).match(/^[A-Za-z][A-Za-z0-9\.-]+$/) and virtual_ip != "*").inspect %>
  <% end -%>
  <%
    @bind.sort_by { |address_port, bind_params|
      md = /^((\d+)\.(\d+)\.(\d+)\.(\d+))?(.*)/.match(address_port)
      [ (md[1] ? md[2..5].inject(0){ |addr, octet| (addr << 8) + octet.to_i } : -1), md[6] ]
    }.map do |address_port, bind_params|
  -%>  bind <%= address_port -%> <%= Array(bind_params).join(" ") %>
  <% end -%>
  | ERB
notify { 'erb': message => $t }
