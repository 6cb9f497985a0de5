notify { hi: message => (notify { param: message => set }); bye: message => Notify[param][message] }
