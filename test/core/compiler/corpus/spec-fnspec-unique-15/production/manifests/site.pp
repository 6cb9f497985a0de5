undef.unique
