class guarded { fail('not here') }
node default { include guarded }
