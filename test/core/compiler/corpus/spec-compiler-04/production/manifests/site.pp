notify { 'test': message => $settings::strict == 'error' }
