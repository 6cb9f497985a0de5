notify{title:}
Notify[title] { * => { message => set}}
