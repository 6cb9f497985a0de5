notify { 'actual_2':  }
notify { 'actual_1': alias => 'alias_1' }
Notify[actual_2] -> Notify[alias_2]
