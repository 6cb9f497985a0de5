node default {}
  node nodename inherits default {  }
