Class[a] { x => 2}
