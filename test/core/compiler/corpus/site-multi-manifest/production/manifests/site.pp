node default { include common }
