validate_slength('abc', 5)
validate_slength(['a', 'bc'], 3, 1)
notify { 'ok': }
