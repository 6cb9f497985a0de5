if 'false' {
  notify { 'true': }
} else {
  notify { 'false': }
}
