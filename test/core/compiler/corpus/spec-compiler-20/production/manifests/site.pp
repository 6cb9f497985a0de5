@notify{ x : require => Notify[tooth_fairy] }
realize(Notify['x'])
