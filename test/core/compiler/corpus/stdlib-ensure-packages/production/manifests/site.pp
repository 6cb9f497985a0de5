ensure_packages(['vim', 'curl'])
ensure_packages(['vim'])
ensure_packages({'git' => {'ensure' => 'latest'}})
ensure_packages('tree', {'ensure' => 'present', 'provider' => 'apt'})
