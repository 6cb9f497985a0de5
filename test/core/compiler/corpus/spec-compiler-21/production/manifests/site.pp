notify{ x : 
  require => tooth_fairy }
