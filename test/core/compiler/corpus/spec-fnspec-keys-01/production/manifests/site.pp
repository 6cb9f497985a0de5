$k = {'apples' => 1, 'oranges' => 2}.keys
notify { "${k[0]} & ${k[1]}": }
