with() |Array[String] *$defaulted = hi| { notify { $defaulted[0]: } }
