class a { call('notice', $title) }
include a
