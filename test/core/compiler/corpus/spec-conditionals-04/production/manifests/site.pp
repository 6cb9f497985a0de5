if false {
} else {
  notify { 'false': }
}
