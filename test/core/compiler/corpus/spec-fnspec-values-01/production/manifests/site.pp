$k = {'apples' => 1, 'oranges' => 2}.values
notify { "${k[0]} & ${k[1]}": }
