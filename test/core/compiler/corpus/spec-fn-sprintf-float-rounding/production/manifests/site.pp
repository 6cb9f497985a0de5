
notify { '2.675': message => sprintf('%.2f', 2.675) }
notify { '2.665': message => sprintf('%.2f', 2.665) }
notify { '1.115': message => sprintf('%.2f', 1.115) }
notify { '0.15': message => sprintf('%.1f', 0.15) }
notify { '0.05': message => sprintf('%.1f', 0.05) }
