$x = epp('nomod/none.epp')
