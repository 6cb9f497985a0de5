$sensitive = Sensitive.new("12345")
$split = $sensitive.unwrap |$unwrapped| {
  notice("unwrapped value is $unwrapped")
  $unwrapped.split(/3/)
}
notice("split is $split")
