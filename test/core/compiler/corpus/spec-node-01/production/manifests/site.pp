node 5 { notify { 'matched': } }
