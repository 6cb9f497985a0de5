define app::thing {
  private()
  notify { $title: }
}
