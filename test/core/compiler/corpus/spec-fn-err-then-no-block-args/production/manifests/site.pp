then(1) || { }
