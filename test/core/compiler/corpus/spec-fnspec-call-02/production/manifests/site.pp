notify { test::call_me(): }
