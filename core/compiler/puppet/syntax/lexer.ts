import { boundError, DEFAULT_COMPILE_LIMITS } from '../evaluation/compile-budget.js';
import { PuppetError } from '../puppet-error.js';

/** A piece of a double-quoted string: literal text or an interpolated expression's tokens. */
export type StringPart = { readonly text: string } | { readonly tokens: readonly Token[]; readonly braced: boolean };

/** Token classes; keywords are `name` tokens the parser recognises. */
export type TokenKind =
  | 'name' | 'cref' | 'var' | 'string' | 'dq' | 'number' | 'regex' | 'op' | 'eof'
  | 'epp_text' | 'epp_render' | 'epp_end';

/** One token with its position. */
export interface Token {
  readonly kind: TokenKind;
  /** Operator text, name, variable name (no `$`), literal string, number source or regex body. */
  readonly value: string;
  readonly parts?: readonly StringPart[];
  readonly line: number;
  readonly column: number;
  /** Whether whitespace precedes the token (`$a [1]` is not an access). */
  readonly spaced: boolean;
}

const OPERATORS = [
  '<<|', '|>>', '<|', '|>', '<<', '>>', '->', '~>', '<-', '<~', '==', '!=', '=~', '!~', '<=', '>=', '=>', '+>', '+=', '-=',
  '::', '{', '}', '[', ']', '(', ')', ',', ';', ':', '=', '<', '>', '+', '-', '*', '/', '%', '!', '?', '|', '.', '@@', '@',
] as const;

const KEYWORDS = new Set([
  'and', 'or', 'in', 'if', 'elsif', 'else', 'unless', 'case', 'default', 'class', 'define', 'node', 'inherits',
  'true', 'false', 'undef', 'function', 'type', 'attr', 'private', 'application', 'consumes', 'produces', 'site',
]);

/** Keywords that are values: a `/` after them divides (Puppet's lexer treats only booleans so). */
const VALUE_KEYWORDS = new Set(['true', 'false']);

/** Tokens after which a `/` starts a regex rather than a division. */
const VALUE_END = new Set(['var', 'number', 'string', 'dq', 'cref', 'regex']);

/**
 * Turns Puppet source (or an EPP template when `epp` is set) into tokens.
 * Double-quoted strings and heredocs carry their interpolations as nested
 * token lists so the parser handles them with the same grammar.
 */
export function tokenize(src: string, file: string, epp = false, maxDepth = DEFAULT_COMPILE_LIMITS.maxNestingDepth): Token[] {
  return new Lexer(src, file, epp, maxDepth, 0).run();
}

class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly out: Token[] = [];
  /** Heredoc bodies already consumed: on reaching `from` (a newline), jump to `to`. */
  private readonly skips: { from: number; to: number; lines: number }[] = [];
  private inEppText: boolean;

  /** `depth`: how many interpolations this one sits in (nested strings recurse). */
  constructor(
    private readonly src: string, private readonly file: string, private readonly epp: boolean,
    private readonly maxDepth: number, private readonly depth: number,
  ) {
    this.inEppText = epp;
  }

  run(): Token[] {
    let spaced = true;
    while (true) {
      if (this.inEppText) {
        this.eppText();
        spaced = true;
        if (this.pos >= this.src.length) break;
        continue;
      }
      const ws = this.skipSpace();
      spaced = spaced || ws;
      if (this.pos >= this.src.length) break;
      if (this.epp && this.eppClose()) { spaced = true; continue; }
      const tok = this.next(spaced);
      if (tok) this.out.push(tok);
      spaced = false;
    }
    this.out.push(this.tok('eof', '', this.pos, true));
    return this.out;
  }

  private fail(message: string, at = this.pos): never {
    throw new PuppetError(message, { file: this.file, line: this.line, column: at - this.lineStart + 1 }, 'syntax');
  }

  /** A lexer for an interpolation or heredoc body starting at `at`: nested strings recurse, so their depth is bounded. */
  private nested(src: string, at: number): Lexer {
    if (this.depth >= this.maxDepth) {
      throw boundError('maxNestingDepth', this.maxDepth, { file: this.file, line: this.line, column: at - this.lineStart + 1 });
    }
    return new Lexer(src, this.file, false, this.maxDepth, this.depth + 1);
  }

  private tok(kind: TokenKind, value: string, start: number, spaced: boolean, parts?: StringPart[]): Token {
    return { kind, value, line: this.line, column: start - this.lineStart + 1, spaced, ...(parts ? { parts } : {}) };
  }

  private newline(at: number): void {
    this.line++;
    this.lineStart = at + 1;
    const skip = this.skips.find((s) => s.from === at);
    if (skip) {
      this.pos = skip.to;
      this.lineStart = skip.to;
      this.line += skip.lines;
    }
  }

  private skipSpace(): boolean {
    const start = this.pos;
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (c === '\n') { this.pos++; this.newline(this.pos - 1); }
      else if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '#') { while (this.pos < s.length && s[this.pos] !== '\n') this.pos++; }
      else if (c === '/' && s[this.pos + 1] === '*') {
        const end = s.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('Unclosed comment');
        for (let i = this.pos; i < end; i++) if (s[i] === '\n') { this.line++; this.lineStart = i + 1; }
        this.pos = end + 2;
      } else break;
    }
    return this.pos > start;
  }

  private next(spaced: boolean): Token | undefined {
    const s = this.src;
    const start = this.pos;
    const c = s[start]!;
    if (c === '$' && /[a-z0-9_:]/i.test(s[start + 1] ?? '')) {
      const m = /^\$((::)?[a-z0-9_]+(::[a-z0-9_]+)*)/i.exec(s.slice(start, start + 200))!;
      this.pos += m[0].length;
      return this.tok('var', m[1]!, start, spaced);
    }
    if (c === "'") return this.singleQuoted(start, spaced);
    if (c === '"') return this.doubleQuoted(start, spaced);
    if (c === '@' && s[start + 1] === '(') return this.heredoc(start, spaced);
    if (/[0-9]/.test(c)) {
      const m = /^(0x[0-9a-f]+|\d+(\.\d+)?(e[+-]?\d+)?)/i.exec(s.slice(start, start + 100))!;
      if (/[a-z_]/i.test(s[start + m[0].length] ?? '')) this.fail(`Illegal number '${s.slice(start, start + m[0].length + 1)}'`);
      this.pos += m[0].length;
      return this.tok('number', m[0], start, spaced);
    }
    if (/[a-z_]/i.test(c) || (c === ':' && s[start + 1] === ':' && /[a-z]/i.test(s[start + 2] ?? ''))) {
      const m = /^(::)?[a-z_][a-z0-9_-]*(::[a-z_][a-z0-9_-]*)*/i.exec(s.slice(start, start + 300))!;
      let word = m[0];
      // A trailing `-` belongs to an operator (`foo->bar`), never to a name.
      while (word.endsWith('-')) word = word.slice(0, -1);
      this.pos += word.length;
      const bare = word.startsWith('::') ? word.slice(2) : word;
      return this.tok(/^[A-Z]/.test(bare) ? 'cref' : 'name', word, start, spaced);
    }
    if (c === '/' && this.regexAllowed()) {
      let i = start + 1;
      while (i < s.length && s[i] !== '/') {
        if (s[i] === '\\') i++;
        if (s[i] === '\n') this.fail('Unterminated regular expression');
        i++;
      }
      this.pos = i + 1;
      return this.tok('regex', s.slice(start + 1, i), start, spaced);
    }
    for (const op of OPERATORS) {
      if (s.startsWith(op, start)) {
        this.pos += op.length;
        return this.tok('op', op, start, spaced);
      }
    }
    return this.fail(`Syntax error at '${c}'`);
  }

  private regexAllowed(): boolean {
    const prev = this.out[this.out.length - 1];
    if (!prev) return true;
    if (VALUE_END.has(prev.kind)) return false;
    if (prev.kind === 'name') return KEYWORDS.has(prev.value) && !VALUE_KEYWORDS.has(prev.value);
    return !(prev.kind === 'op' && (prev.value === ')' || prev.value === ']'));
  }

  private singleQuoted(start: number, spaced: boolean): Token {
    const s = this.src;
    let i = start + 1;
    let text = '';
    const line = this.line;
    const col = start - this.lineStart + 1;
    while (i < s.length && s[i] !== "'") {
      if (s[i] === '\\' && (s[i + 1] === "'" || s[i + 1] === '\\')) { text += s[i + 1]; i += 2; continue; }
      if (s[i] === '\n') { this.line++; this.lineStart = i + 1; }
      text += s[i++];
    }
    if (i >= s.length) {
      throw new PuppetError(`Unclosed quote after "'" followed by '${text.slice(0, 5)}...'`, { file: this.file, line, column: col }, 'syntax');
    }
    this.pos = i + 1;
    return { kind: 'string', value: text, line, column: col, spaced };
  }

  private doubleQuoted(start: number, spaced: boolean): Token {
    const line = this.line;
    const col = start - this.lineStart + 1;
    const { parts, end } = this.interpolate(start + 1, '"', ESCAPES_ALL);
    this.pos = end + 1;
    return { kind: 'dq', value: '', parts, line, column: col, spaced };
  }

  /** Scans text up to `close` (or the end when empty), splitting out `${…}` and `$var`. */
  private interpolate(from: number, close: string, escapes: string): { parts: StringPart[]; end: number } {
    const s = this.src;
    const parts: StringPart[] = [];
    let text = '';
    let i = from;
    while (close === '' ? i < s.length : s[i] !== close) {
      if (i >= s.length) this.fail('Unclosed quote after \'"\'', from - 1);
      const c = s[i]!;
      if (c === '\\' && escapes.includes(s[i + 1] ?? '\0')) {
        const e = s[i + 1]!;
        if (e === 'u') {
          const m = /^u(\{([0-9a-f]+)\}|([0-9a-f]{4}))/i.exec(s.slice(i + 1, i + 12));
          if (m) { text += String.fromCodePoint(parseInt(m[2] ?? m[3]!, 16)); i += 1 + m[0].length; continue; }
        }
        text += ({ n: '\n', t: '\t', r: '\r', s: ' ' } as Record<string, string>)[e] ?? e;
        i += 2;
        continue;
      }
      if (c === '\\' && s[i + 1] === '\n' && escapes.includes('L')) { i += 2; this.line++; this.lineStart = i; continue; }
      if (c === '$' && s[i + 1] === '{') {
        if (text) { parts.push({ text }); text = ''; }
        const sub = this.nested(s, i);
        sub.pos = i + 2;
        sub.line = this.line;
        sub.lineStart = this.lineStart;
        let depth = 0;
        let spacedSub = false;
        while (true) {
          spacedSub = sub.skipSpace() || spacedSub;
          if (sub.pos >= s.length) this.fail('Unclosed interpolation', i);
          if (s[sub.pos] === '}' && depth === 0) break;
          const t = sub.next(spacedSub)!;
          spacedSub = false;
          if (t.kind === 'op' && t.value === '{') depth++;
          if (t.kind === 'op' && t.value === '}') depth--;
          sub.out.push(t);
        }
        sub.out.push(sub.tok('eof', '', sub.pos, true));
        parts.push({ tokens: sub.out, braced: true });
        this.line = sub.line;
        this.lineStart = sub.lineStart;
        i = sub.pos + 1;
        continue;
      }
      if (c === '$' && /[a-z0-9_:]/i.test(s[i + 1] ?? '')) {
        const m = /^\$((::)?[a-z0-9_]+(::[a-z0-9_]+)*)/i.exec(s.slice(i, i + 200));
        if (m) {
          if (text) { parts.push({ text }); text = ''; }
          const t: Token = { kind: 'var', value: m[1]!, line: this.line, column: i - this.lineStart + 1, spaced: false };
          parts.push({ tokens: [t, { ...t, kind: 'eof', value: '' }], braced: false });
          i += m[0].length;
          continue;
        }
      }
      if (c === '\n') { this.line++; this.lineStart = i + 1; }
      text += c;
      i++;
    }
    if (text || parts.length === 0) parts.push({ text });
    return { parts, end: i };
  }

  private heredoc(start: number, spaced: boolean): Token {
    const s = this.src;
    const close = s.indexOf(')', start);
    const spec = /^@\(\s*("?)([^":/)]+?)\1\s*(?::\s*[a-z0-9_+-]+)?\s*(?:\/\s*([tsrnuL$]*))?\s*\)$/.exec(s.slice(start, close + 1));
    if (!spec) this.fail('Invalid heredoc specification', start);
    const interpolating = spec[1] === '"';
    const tag = spec[2]!;
    const escapes = spec[3] === undefined ? '' : (spec[3] === '' ? 'tsrnuL$' : spec[3]) + '\\';
    const eol = s.indexOf('\n', close);
    if (eol < 0) this.fail('Heredoc without end-tagged line', start);
    // Find the end tag line: `[ws][|][ws][-][ws]TAG[ws]`.
    const endRe = new RegExp(`^([ \\t]*)(\\|)?[ \\t]*(-)?[ \\t]*${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*$`);
    let lineStartIdx = eol + 1;
    let bodyLines: string[] = [];
    let found: RegExpExecArray | null = null;
    let endOfTagLine = s.length;
    while (lineStartIdx <= s.length) {
      let lineEnd = s.indexOf('\n', lineStartIdx);
      if (lineEnd < 0) lineEnd = s.length;
      const text = s.slice(lineStartIdx, lineEnd).replace(/\r$/, '');
      found = endRe.exec(text);
      if (found) { endOfTagLine = lineEnd; break; }
      bodyLines.push(text);
      lineStartIdx = lineEnd + 1;
    }
    if (!found) this.fail(`Heredoc without end-tagged line`, start);
    const margin = found[2] ? found[1]!.replace(/\t/g, ' ').length : 0;
    if (margin > 0) bodyLines = bodyLines.map((l) => l.replace(new RegExp(`^[ \\t]{0,${margin}}`), ''));
    let body = bodyLines.join('\n') + (bodyLines.length ? '\n' : '');
    if (found[3]) body = body.replace(/\r?\n$/, '');
    const bodyStartLine = this.line + 1;
    this.skips.push({ from: eol, to: endOfTagLine === s.length ? s.length : endOfTagLine + 1, lines: bodyLines.length + 1 });
    this.pos = close + 1;
    if (!interpolating) {
      const text = escapes ? body.replace(/\\([tsrnu$\\])/g, (m, e: string) => (escapes.includes(e) ? ({ n: '\n', t: '\t', r: '\r', s: ' ' } as Record<string, string>)[e] ?? e : m)) : body;
      return this.tok('string', text, start, spaced);
    }
    const sub = this.nested(body, start);
    sub.line = bodyStartLine;
    const { parts } = sub.interpolate(0, '', escapes);
    return this.tok('dq', '', start, spaced, parts);
  }

  /** EPP: plain text up to the next `<%`, then the tag's opening token. */
  private eppText(): void {
    const s = this.src;
    const start = this.pos;
    let i = s.indexOf('<%', start);
    while (i >= 0 && s[i + 2] === '%') i = s.indexOf('<%', i + 3);
    const end = i < 0 ? s.length : i;
    let text = s.slice(start, end).replace(/<%%/g, '<%').replace(/%%>/g, '%>');
    const trimLeft = i >= 0 && s[i + 2] === '-';
    if (trimLeft) text = text.replace(/[ \t]*$/, '');
    if (text) this.out.push(this.tok('epp_text', text, start, true));
    for (let k = start; k < end; k++) if (s[k] === '\n') { this.line++; this.lineStart = k + 1; }
    if (i < 0) { this.pos = s.length; return; }
    let p = i + 2 + (trimLeft ? 1 : 0);
    if (s[p] === '#') {
      const close = s.indexOf('%>', p);
      if (close < 0) this.fail('Unbalanced epp comment', i);
      for (let k = p; k < close; k++) if (s[k] === '\n') { this.line++; this.lineStart = k + 1; }
      this.pos = close + 2;
      this.afterClose(s[close - 1] === '-');
      return;
    }
    if (s[p] === '=') { this.out.push(this.tok('epp_render', '<%=', i, true)); p++; }
    this.pos = p;
    this.inEppText = false;
  }

  /** EPP: `%>` / `-%>` ends a tag and returns to text. */
  private eppClose(): boolean {
    const s = this.src;
    const trim = s.startsWith('-%>', this.pos);
    if (!trim && !s.startsWith('%>', this.pos)) return false;
    this.out.push(this.tok('epp_end', '%>', this.pos, true));
    this.pos += trim ? 3 : 2;
    this.afterClose(trim);
    return true;
  }

  private afterClose(trim: boolean): void {
    if (trim) {
      // Puppet trims the blanks after `-%>` up to and including a line break, also when no line break follows (`-%> <%=`).
      const m = /^[ \t]*\r?\n?/.exec(this.src.slice(this.pos, this.pos + 200))!;
      this.pos += m[0].length;
      if (m[0].endsWith('\n')) { this.line++; this.lineStart = this.pos; }
    }
    this.inEppText = true;
  }
}

const ESCAPES_ALL = 'tsrnu$"\\\'';
