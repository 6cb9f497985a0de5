class profile::monitoring {
  include monitoring
}
