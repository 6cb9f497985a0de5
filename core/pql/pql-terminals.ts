/**
 * PQL's terminals as PuppetDB's grammar (`pql-grammar.ebnf`, run by
 * Instaparse on the JVM) defines them. Java's regexes differ from
 * JavaScript's in three ways that matter here, so the character classes are
 * spelled out: `\s` is ASCII whitespace only, `\d` ASCII digits only, and
 * `.` excludes U+0085 as well as the other line terminators.
 *
 * Each terminal carries `shown`, the way Instaparse prints it when a parse
 * fails (`#"…"` for a regex, the bare text for a string), so error messages
 * read as PuppetDB's do.
 */

export interface RegexTerminal {
  readonly pattern: RegExp;
  readonly shown: string;
}

const terminal = (source: string, shown: string): RegexTerminal => ({ pattern: new RegExp(source, 'y'), shown: `#"${shown}"` });

/** Java's `\s` (ASCII only). */
const SPACE = ' \\t\\n\\v\\f\\r';
/** Java's `.`: anything but a line terminator. */
const DOT = '[^\\n\\r\\u0085\\u2028\\u2029]';

export const WHITESPACE = terminal(`[${SPACE}]+`, '\\s+');
/** A plain field: `certname`, `latest_report?`. */
export const FIELD_NAME = terminal('[a-zA-Z0-9_]+\\??', '[a-zA-Z0-9_]+\\??');
/** A quoted path segment: `facts."a.b".c`; it must be followed by a dot or whitespace. */
export const QUOTED_SEGMENT = terminal(`"${DOT}*?"(?=\\.|[${SPACE}])`, '\\".*?\\"(?=\\.|\\s)');
/** A regexp path segment: `facts.disks.match("sd.*").size`. */
export const MATCH_SEGMENT = terminal(`match\\(${DOT}*?\\)`, 'match\\(.*?\\)');
/** A plain path segment, with an optional array index: `os`, `interfaces[0]`. */
export const STANDARD_SEGMENT = terminal(`[^${SPACE}.",\\[\\]!<=>~]+(?:\\[[0-9]+\\])?`, '[^\\s\\.\\",\\[\\]!<=>~]+(\\[\\d+\\])?');
export const DIGITS = terminal('[0-9]+', '[0-9]+');

/** Where `t` matches at `pos` (Java's `lookingAt`: one greedy or lazy match, no other lengths), or -1. */
export function matchAt(t: RegexTerminal, text: string, pos: number): number {
  t.pattern.lastIndex = pos;
  return t.pattern.exec(text) ? t.pattern.lastIndex : -1;
}

const isLineTerminator = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';

/**
 * The end of a quoted string's body starting at `pos` — `(?:[^q\\]|\\.)*`
 * for the quote `q` — scanned by hand so a 64 KiB string cannot exhaust
 * the regex engine's backtracking stack.
 */
export function stringBodyEnd(text: string, pos: number, quote: '"' | "'"): number {
  let i = pos;
  while (i < text.length) {
    const c = text[i];
    if (c === quote) break;
    if (c === '\\') {
      if (i + 1 >= text.length || isLineTerminator(text[i + 1])) break;
      i += 2;
    } else {
      i += 1;
    }
  }
  return i;
}

/**
 * A double-quoted string's value: PuppetDB decodes the body as a JSON
 * string with Cheshire, whose parser takes raw control characters (a tab,
 * a newline) as themselves. Undefined if it refuses the body (`\q`, a
 * backslash before a control character, a short `\u`).
 */
export function decodeDoubleQuoted(body: string): string | undefined {
  let json = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined || next < ' ') return undefined;
      json += c + next;
      i += 1;
    } else {
      json += c < ' ' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c;
    }
  }
  try {
    return JSON.parse(`"${json}"`) as string;
  } catch {
    return undefined;
  }
}

/** A single-quoted string's value: only `\'` is an escape; every other backslash stays. */
export const decodeSingleQuoted = (body: string): string => body.replaceAll("\\'", "'");

/** Java's `\s`, for checking what follows a field. */
export const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
