define bar($text) { }
bar { 'joke': text => 'knock knock' }

with(Bar[joke]) |Type[Bar] $joke| { notify { "${joke[text]}": } }
