@@notify { example: }
notify { marker: }
