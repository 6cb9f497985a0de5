Notify { * => { message => set}}
notify{title:}
