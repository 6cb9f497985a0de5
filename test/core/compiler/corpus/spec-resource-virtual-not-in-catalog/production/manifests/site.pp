@notify { example: }
notify { marker: }
