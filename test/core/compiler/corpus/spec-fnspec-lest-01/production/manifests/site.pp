notify{ "test${lest('_yay_') || { '_oh_no_' }}ing": }
