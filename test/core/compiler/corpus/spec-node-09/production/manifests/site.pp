node /(?<!a)sync/ { }
node /async/ { }
