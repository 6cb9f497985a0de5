widget { 'w1': color => 'blue' }
Widget { color => 'red' }
widget { 'w2': }
Widget['w1'] -> Widget['w2']
