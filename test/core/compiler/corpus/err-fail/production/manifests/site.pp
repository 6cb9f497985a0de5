class checks { if $facts['os']['family'] == 'Debian' { fail("Unsupported OS ${facts['os']['family']}") } }
include checks
