File { backup => false }
$site_var = 'from 00'
