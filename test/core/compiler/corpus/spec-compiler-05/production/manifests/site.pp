notify { 'test': message => $settings::storeconfigs == false }
