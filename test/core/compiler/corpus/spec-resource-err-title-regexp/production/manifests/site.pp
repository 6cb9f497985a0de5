notify { /regexp/: }
