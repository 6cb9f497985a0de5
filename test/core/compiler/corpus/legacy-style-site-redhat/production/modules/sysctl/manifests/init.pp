class sysctl($settings = {}) {
  $settings.each |$key, $value| {
    exec { "sysctl-${key}":
      command => "sysctl -w ${key}=${value}",
      unless  => "test \"$(sysctl -n ${key})\" = '${value}'",
    }
  }
}
