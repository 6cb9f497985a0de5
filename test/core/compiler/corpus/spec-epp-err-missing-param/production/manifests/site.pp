notify { 'x': message => inline_epp('<%- | String $need | -%><%= $need %>', {}) }
