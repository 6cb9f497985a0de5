notify { 'test': message => $settings::all_local['strict'] == 'error' }
