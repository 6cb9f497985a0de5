@@notify { exported: message => set } notify { real: message => Notify[exported][message] }
