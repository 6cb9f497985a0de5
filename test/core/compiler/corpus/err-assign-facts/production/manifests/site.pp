node default { $facts = {} }
