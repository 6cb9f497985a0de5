ensure_packages(['vim'], {'ensure' => 'installed'})
ensure_packages(['vim'], {'ensure' => 'present'})
