node default {
  include nosuchclass
}
