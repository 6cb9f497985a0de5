# Persistent, bounded journal.
class profile::journald {
  class { 'systemd':
    manage_journald  => true,
    journald_settings => {
      'Storage'        => 'persistent',
      'SystemMaxUse'   => '512M',
      'MaxRetentionSec' => '1month',
    },
    manage_timesyncd => false,
  }
}
