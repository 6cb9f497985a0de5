# puppetlabs-mysql's mysql::password (MySQL's native password hash) and puppetlabs-translate's translate.
notify { 'hash': message => mysql::password('correct horse battery staple') }
notify { 'empty': message => "[${mysql::password('')}]" }
notify { 'already': message => mysql::password('*94BDCEBE19083CE2A1F959FD02F964C7AF4CFC29') }
notify { 'translated': message => translate('Unsupported platform: puppetlabs-%{module_name} on %{os}.', { 'module_name' => 'mysql', 'os' => 'Plan9' }) }
notify { 'plain': message => translate('no %{values} here') }
