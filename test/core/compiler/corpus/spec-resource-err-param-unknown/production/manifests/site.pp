notify { title: unknown => value }
