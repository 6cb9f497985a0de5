/**
 * Ruby's `File.fnmatch?(pattern, name)` without flags, as Puppet applies
 * its `ignore` patterns to each file name: `*` any run, `?` one character,
 * `[…]` a class (`[!…]`/`[^…]` negated, ranges), `\x` a literal x; a
 * leading `.` of the name is matched only by a literal `.`.
 * Matching is O(pattern × name) (no backtracking blow-up on `*a*a*a*b`).
 */
export function globMatcher(pattern: string): (name: string) => boolean {
  const tokens = tokenize(pattern);
  const leadingDot = tokens[0]?.kind === 'char' && tokens[0].char === '.';
  return (name) => (!name.startsWith('.') || leadingDot) && matches(tokens, [...name]);
}

type Token =
  | { readonly kind: 'star' }
  | { readonly kind: 'any' }
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'class'; readonly negated: boolean; readonly test: (c: string) => boolean };

function tokenize(pattern: string): Token[] {
  const chars = [...pattern];
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*') tokens.push({ kind: 'star' });
    else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '\\' && i + 1 < chars.length) tokens.push({ kind: 'char', char: chars[++i]! });
    else if (c === '[') {
      const cls = charClass(chars, i);
      if (cls) { tokens.push(cls.token); i = cls.end; } else tokens.push({ kind: 'char', char: c });
    } else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

/** `[…]` starting at `start`, or null when it is not closed (then `[` is a literal). */
function charClass(chars: readonly string[], start: number): { token: Token; end: number } | null {
  let i = start + 1;
  const negated = chars[i] === '!' || chars[i] === '^';
  if (negated) i++;
  const ranges: Array<[string, string]> = [];
  for (let first = true; i < chars.length && (first || chars[i] !== ']'); first = false) {
    let lo = chars[i]!;
    if (lo === '\\' && i + 1 < chars.length) lo = chars[++i]!;
    let hi = lo;
    if (chars[i + 1] === '-' && i + 2 < chars.length && chars[i + 2] !== ']') {
      hi = chars[i + 2]!;
      i += 2;
    }
    ranges.push([lo, hi]);
    i++;
  }
  if (i >= chars.length) return null;
  return { token: { kind: 'class', negated, test: (c) => ranges.some(([lo, hi]) => c >= lo && c <= hi) }, end: i };
}

function one(t: Token, c: string): boolean {
  switch (t.kind) {
    case 'any': return true;
    case 'char': return t.char === c;
    case 'class': return t.test(c) !== t.negated;
    case 'star': return false;
  }
}

/** Wildcard matching that retries only from the last `*`. */
function matches(tokens: readonly Token[], name: readonly string[]): boolean {
  let t = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    const token = tokens[t];
    if (token?.kind === 'star') { star = t++; resume = n; } else if (token && one(token, name[n]!)) { t++; n++; } else if (star >= 0) { t = star + 1; n = ++resume; } else return false;
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}
