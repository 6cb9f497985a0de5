notify { bye: message => Notify[param][message]; hi: message => (notify { param: message => set }) }
