$mem = 8589934592
notify { 'gb': message => $mem / 1073741824 }
notify { 'gbf': message => $mem / 1073741824.0 }
notify { 'fmt': message => sprintf('%.1f GB', $mem / 1073741824.0) }
notify { 'pct': message => sprintf('%d%%', 75) }
notify { 'int': message => Integer($mem / 3) }
notify { 'round': message => round(2.5) }
notify { 'str': message => String(0.1 + 0.2) }
