notify { 'actual_2':  before => 'Notify[alias_1]' }
notify { 'actual_1': alias => 'alias_1' }
