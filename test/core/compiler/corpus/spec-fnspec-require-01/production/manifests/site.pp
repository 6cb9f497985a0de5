class required {
  notify { "required": }
}
require required
