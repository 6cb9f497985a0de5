notify { '01 min(20, \'100\')': message => min(20, '100') }
notify { '02 min(\'20\', \'100\')': message => min('20', '100') }
notify { '03 max(20, \'100\')': message => max(20, '100') }
notify { '04 max(\'20\', 100)': message => max('20', 100) }
notify { '05 max(20, \'100x\')': message => max(20, '100x') }
notify { '06 min(20, \'100x\')': message => min(20, '100x') }
notify { '07 min(\'20x\', 100)': message => min('20x', 100) }
