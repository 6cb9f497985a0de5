notify { 'dummy':
}
