notify { 'n00': message => to_json_pretty({}) }
notify { 'n01': message => to_json_pretty(['one']) }
notify { 'n02': message => to_json_pretty(['one', 'two', undef, 'three'], true, {'indent' => '@@@@'}) }
notify { 'n03': message => to_json_pretty([[undef], 'two', undef, 'three'], true) }
notify { 'n04': message => to_json_pretty({'one' => '1', 'two' => undef}, true) }
notify { 'n05': message => to_json_pretty({'a' => {}, 'b' => []}) }
notify { 'n06': message => to_json({'a' => {}, 'b' => [], 'c' => 2.0, 'd' => 'é"\\'}) }
