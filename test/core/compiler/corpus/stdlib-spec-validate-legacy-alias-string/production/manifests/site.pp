class wrap { validate_legacy('Stdlib::Compat::Hash', 'validate_hash', {'a' => 1}) }
include wrap
