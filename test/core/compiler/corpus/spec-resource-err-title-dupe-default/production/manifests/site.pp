notify { default:; default:}
