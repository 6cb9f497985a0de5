@notify { virtual: message => set }
notify { real:
  message => Notify[virtual][message] }
