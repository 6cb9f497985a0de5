# Floats with integral values are written into the catalog as Floats (`2.0`), as Ruby's JSON writes them.
define floaty($v) {}
floaty { 'literal': v => 2.0 }
floaty { 'forms': v => [1.0, 1e3, 1e20, 0.5, 1.5e-7, -0.0, 1234567890123456789.0, 100] }
floaty { 'arithmetic': v => { 'half' => 7.0 / 2, 'whole' => 8.0 / 2, 'int' => 8 / 2, 'mixed' => 3 * 1.0, 'sum' => 0.5 + 0.5 } }
floaty { 'converted': v => [Float(3), Numeric('4.0'), Integer(5.0), 2.0 + 0, abs(-3.0)] }
notify { 'message':
  message => 4.0,
}
$h = { 'x' => 1.0 }
floaty { 'nested': v => { 'list' => [[1.0], $h], 'keep' => 2 } }
