import { err, ok, type Result } from '../result.js';
import { PQL_DOTTED_FIELDS, PQL_ENTITIES, PQL_FUNCTIONS, type PqlAst, type PqlEntity, type PqlError, type PqlQuery } from './pql-ast.js';
import { pqlError, syntaxError } from './pql-failure.js';
import { assembleFrom, assembleSubquery, combine, type Clause } from './pql-transform.js';
import {
  decodeDoubleQuoted, decodeSingleQuoted, FIELD_NAME, INTEGER, isSpace, MATCH_SEGMENT, matchAt, numberAt,
  QUOTED_SEGMENT, type RegexTerminal, STANDARD_SEGMENT, stringBodyEnd, WHITESPACE,
} from './pql-terminals.js';

export interface PqlParseOptions {
  /** Longest query accepted, in UTF-16 code units; longer ones are refused before parsing. @defaultValue 65536 */
  readonly maxLength?: number;
  /** Deepest nesting of `{}` blocks, parentheses, `!` and array literals (1–1000). @defaultValue 100 */
  readonly maxDepth?: number;
}

export const DEFAULT_PQL_PARSE_OPTIONS = { maxLength: 65536, maxDepth: 100 } as const satisfies Required<PqlParseOptions>;

/**
 * Compiles a PQL query to the JSON AST PuppetDB's own PQL transform produces:
 * `parsePql('nodes[certname] { facts { name = "os" } }')` gives
 * `["from", "nodes", ["extract", ["certname"], ["subquery", "facts", ["=", "name", "os"]]]]`.
 * Never throws on any input: a query PQL cannot read gives a located
 * `pql_syntax` error worded as PuppetDB words it.
 */
export function parsePql(text: string, options: PqlParseOptions = {}): Result<PqlQuery, PqlError> {
  const { maxLength, maxDepth } = { ...DEFAULT_PQL_PARSE_OPTIONS, ...options };
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`PqlParseOptions.maxLength must be a positive integer, got ${maxLength}`);
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > 1000) throw new RangeError(`PqlParseOptions.maxDepth must be an integer from 1 to 1000, got ${maxDepth}`);
  if (text.length > maxLength) return err(pqlError(text, maxLength, `The query is ${text.length} characters long; at most ${maxLength} are accepted.\n`));
  const parser = new PqlParser(text, maxDepth);
  try {
    const query = parser.query();
    return query === FAIL ? err(syntaxError(text, parser.furthest, parser.expected)) : ok(query);
  } catch (e) {
    if (e instanceof Abort) return err(pqlError(text, e.pos, `${e.reason}\n`));
    throw e;
  }
}

const FAIL = Symbol('no parse');
type Fail = typeof FAIL;

/** A query that parses but cannot be translated (or nests too deep): no other reading can help, so parsing stops. */
class Abort {
  constructor(readonly pos: number, readonly reason: string) {}
}

/** What may directly follow a field in a list or an order by; narrows the readings of `match(…)` path segments. */
type Follows = (c: string | undefined) => boolean;
const inList = (closer: string): Follows => (c) => c === undefined || isSpace(c) || c === ',' || c === closer;
const inOrderBy: Follows = (c) => c === undefined || isSpace(c) || c === ',' || c === '}' || c === 'l' || c === 'o';

const PATH_SEGMENTS: readonly RegexTerminal[] = [QUOTED_SEGMENT, STANDARD_SEGMENT, MATCH_SEGMENT];
const INEQUALITIES = ['>=', '<=', '<', '>'] as const;

/**
 * A recursive-descent reading of `pql-grammar.ebnf`. Instaparse explores
 * every reading of that grammar; here each choice is decided by what
 * follows, backtracking only where two readings can both go on (a
 * subquery or a condition; the lengths of a dotted field). Failures
 * record what was expected at the furthest offset reached, which is what
 * Instaparse reports.
 */
class PqlParser {
  pos = 0;
  furthest = 0;
  expected: string[] = [];
  private depth = 0;
  /** `{…}` blocks already read, by offset: a backtracked reading never parses one twice. */
  private readonly blocks = new Map<number, { readonly end: number; readonly clauses: Clause[] } | Fail>();

  constructor(private readonly text: string, private readonly maxDepth: number) {}

  query(): PqlQuery | Fail {
    this.optWs();
    const from = this.from();
    if (from === FAIL) return FAIL;
    this.optWs();
    if (this.pos < this.text.length) return this.expect('<end of input>');
    return from;
  }

  // ---- structure -----------------------------------------------------

  private from(): PqlQuery | Fail {
    const entity = this.entity();
    if (entity === FAIL) return FAIL;
    const extract = this.attempt(() => { this.optWs(); return this.extract(); });
    this.optWs();
    const clauses = this.where();
    if (clauses === FAIL) return FAIL;
    return assembleFrom(entity, extract === FAIL ? undefined : extract, clauses);
  }

  private entity(): PqlEntity | Fail {
    let found: PqlEntity | undefined;
    for (const name of PQL_ENTITIES) if (this.text.startsWith(name, this.pos) && (!found || name.length > found.length)) found = name;
    if (!found) {
      for (const name of PQL_ENTITIES) this.expect(name);
      return FAIL;
    }
    this.pos += found.length;
    return found;
  }

  private extract(): Clause | Fail {
    if (!this.lit('[')) return FAIL;
    this.optWs();
    const fields = this.attempt(() => this.fieldList(inList(']')));
    this.optWs();
    if (!this.lit(']')) return FAIL;
    return ['extract', fields === FAIL ? [] : fields];
  }

  /** `{ [expression] [group by … | limit/offset/order by …] }`: the clauses inside. */
  private where(): Clause[] | Fail {
    const start = this.pos;
    const known = this.blocks.get(start);
    if (known !== undefined) {
      if (known !== FAIL) this.pos = known.end;
      return known === FAIL ? FAIL : known.clauses;
    }
    const clauses = this.nested(start, 1, () => this.block());
    this.blocks.set(start, clauses === FAIL ? FAIL : { end: this.pos, clauses });
    return clauses;
  }

  private block(): Clause[] | Fail {
    if (!this.lit('{')) return FAIL;
    this.optWs();
    const clauses: Clause[] = [];
    const filter = this.attempt(() => this.expression());
    if (filter !== FAIL) clauses.push(filter);
    this.optWs();
    const groupBy = this.attempt(() => this.groupBy());
    if (groupBy !== FAIL) {
      clauses.push(groupBy);
    } else {
      for (let paging = this.attempt(() => this.paging()); paging !== FAIL; paging = this.attempt(() => this.paging())) {
        clauses.push(paging);
        this.optWs();
      }
    }
    this.optWs();
    return this.lit('}') ? clauses : FAIL;
  }

  private groupBy(): Clause | Fail {
    if (!this.lit('group by') || !this.ws()) return FAIL;
    const fields = this.fieldList(inList('}'));
    return fields === FAIL ? FAIL : ['group_by', ...fields];
  }

  private paging(): Clause | Fail {
    for (const word of ['limit', 'offset'] as const) {
      if (this.lit(word)) {
        if (!this.ws()) return FAIL;
        const n = this.integer();
        return n === FAIL ? FAIL : [word, n];
      }
    }
    if (!this.lit('order by') || !this.ws()) return FAIL;
    const first = this.orderParam();
    if (first === FAIL) return FAIL;
    const params = [first];
    // No whitespace before the comma: an order param already ends with any.
    const next = (): PqlAst | Fail => {
      if (!this.lit(',')) return FAIL;
      this.optWs();
      return this.orderParam();
    };
    for (let p = this.attempt(next); p !== FAIL; p = this.attempt(next)) params.push(p);
    return ['order_by', params];
  }

  private orderParam(): PqlAst | Fail {
    if (this.text.startsWith('asc', this.pos) || this.text.startsWith('desc', this.pos)) return this.expect('NOT asc, desc');
    const field = this.field(inOrderBy);
    if (field === FAIL) return FAIL;
    const direction = this.attempt(() => (this.ws() ? this.oneOf(['asc', 'desc']) : FAIL));
    this.optWs();
    return direction === FAIL ? field : [field, direction];
  }

  // ---- expressions ---------------------------------------------------

  private expression(): PqlAst | Fail {
    return this.chain('or', () => this.chain('and', () => this.negation()));
  }

  /** `operand (ws op ws operand)*`, read as a loop so a thousand `or`s need no deep stack (PDB-5643). */
  private chain(op: 'or' | 'and', operand: () => PqlAst | Fail): PqlAst | Fail {
    const first = operand();
    if (first === FAIL) return FAIL;
    const parts = [first];
    for (let next = this.attempt(() => this.joined(op, operand)); next !== FAIL; next = this.attempt(() => this.joined(op, operand))) parts.push(next);
    return combine(op, parts);
  }

  private joined(op: string, operand: () => PqlAst | Fail): PqlAst | Fail {
    return this.ws() && this.lit(op) && this.ws() ? operand() : FAIL;
  }

  private negation(): PqlAst | Fail {
    const start = this.pos;
    let nots = 0;
    while (this.lit('!')) {
      nots += 1;
      this.optWs();
    }
    return this.nested(start, nots, () => {
      let e = this.operand();
      for (let i = 0; i < nots && e !== FAIL; i++) e = ['not', e];
      return e;
    });
  }

  private operand(): PqlAst | Fail {
    const start = this.pos;
    if (this.lit('(')) {
      return this.nested(start, 1, () => {
        this.optWs();
        const e = this.expression();
        this.optWs();
        return e !== FAIL && this.lit(')') ? e : FAIL;
      });
    }
    const subquery = this.attempt(() => this.subquery());
    return subquery !== FAIL ? subquery : this.attempt(() => this.condition());
  }

  /** `facts { name = "os" }` inside a filter: an implicit subquery. */
  private subquery(): PqlAst | Fail {
    const start = this.pos;
    const entity = this.entity();
    if (entity === FAIL) return FAIL;
    this.optWs();
    const clauses = this.where();
    if (clauses === FAIL) return FAIL;
    const subquery = assembleSubquery(entity, clauses);
    if (subquery === undefined) throw new Abort(start, `The implicit subquery '${entity} { … }' holds ${clauses.length} clauses; PuppetDB translates at most one (a filter, or a single limit, offset, order by or group by).`);
    return subquery;
  }

  private condition(): PqlAst | Fail {
    if (this.lit('[')) {
      const fields = this.fieldListRest();
      if (fields === FAIL) return FAIL;
      this.optWs();
      if (!this.lit('in')) return FAIL;
      this.optWs();
      const values = this.valueIn();
      return values === FAIL ? FAIL : ['in', fields, values];
    }
    const start = this.pos;
    for (const end of this.fieldEnds()) {
      this.pos = end;
      const c = this.attempt(() => this.comparison(this.text.slice(start, end)));
      if (c !== FAIL) return c;
    }
    return FAIL;
  }

  /** What follows the field of a condition: an operator and its value, or `is [not] null`. */
  private comparison(field: string): PqlAst | Fail {
    this.optWs();
    if (this.lit('is null')) return ['null?', field, true];
    if (this.lit('is not null')) return ['null?', field, false];
    if (this.lit('~>')) return this.operator('~>', field, () => this.regexpList());
    if (this.lit('~')) return this.operator('~', field, () => this.string());
    for (const op of INEQUALITIES) if (this.lit(op)) return this.operator(op, field, () => this.ordered());
    if (this.lit('=')) return this.operator('=', field, () => this.literal());
    if (this.lit('!=')) return this.negated('=', field);
    if (this.lit('!~')) return this.negated('~', field);
    if (this.lit('in')) return this.operator('in', field, () => this.valueIn());
    return FAIL;
  }

  private operator(op: string, field: string, value: () => PqlAst | Fail): PqlAst | Fail {
    this.optWs();
    const v = value();
    return v === FAIL ? FAIL : [op, field, v];
  }

  /** PuppetDB turns `!=` and `!~` into `not` around `=` and `~`; both take any literal. */
  private negated(op: '=' | '~', field: string): PqlAst | Fail {
    const inner = this.operator(op, field, () => this.literal());
    return inner === FAIL ? FAIL : ['not', inner];
  }

  /** The right of `in`: a query (`nodes[certname] {…}`) or a literal list (`["a", "b"]`, as `["array", [...]]`). */
  private valueIn(): PqlAst | Fail {
    const start = this.pos;
    if (this.lit('[')) {
      const values = this.nested(start, 1, () => this.literalListRest());
      return values === FAIL ? FAIL : ['array', values];
    }
    return this.from();
  }

  // ---- fields and functions --------------------------------------------

  /** `field | function` items separated by commas (a projection, `[a, b] in`, `group by`). */
  private fieldList(follows: Follows): PqlAst[] | Fail {
    return this.list(() => {
      const f = this.attempt(() => this.func());
      return f !== FAIL ? f : this.field(follows);
    });
  }

  /** `[a, b]` after its `[`. */
  private fieldListRest(): PqlAst[] | Fail {
    this.optWs();
    const fields = this.fieldList(inList(']'));
    this.optWs();
    return fields !== FAIL && this.lit(']') ? fields : FAIL;
  }

  private func(): PqlAst | Fail {
    const name = this.oneOf(PQL_FUNCTIONS);
    if (name === FAIL) return FAIL;
    this.optWs();
    if (!this.lit('(')) return FAIL;
    this.optWs();
    const args = this.attempt(() => this.argList());
    this.optWs();
    if (!this.lit(')')) return FAIL;
    return ['function', name, ...(args === FAIL ? [] : args)];
  }

  /** `(field | string) [, string…]`: `to_string(receive_time, "HH24")`. */
  private argList(): PqlAst[] | Fail {
    const s = this.attempt(() => this.string());
    const first = s !== FAIL ? s : this.field(inList(')'));
    if (first === FAIL) return FAIL;
    const rest = this.attempt(() => {
      this.optWs();
      if (!this.lit(',')) return FAIL;
      this.optWs();
      return this.list(() => this.string());
    });
    return rest === FAIL ? [first] : [first, ...rest];
  }

  /** The longest reading of a field that `follows` accepts; the longest reading at all if none is. */
  private field(follows: Follows): string | Fail {
    const start = this.pos;
    const ends = this.fieldEnds();
    if (ends.length === 0) return FAIL;
    this.pos = ends.find((e) => follows(this.text[e])) ?? ends[0]!;
    return this.text.slice(start, this.pos);
  }

  /**
   * Every offset where a field starting here may end, longest first. A
   * field is `certname` or `latest_report?`, or `facts`/`trusted`/`parameters`
   * and a dotted path whose segments are plain (`os`, `disks[0]`), quoted
   * (`"a.b"`) or a regexp (`match("sd.*")`). A `match(…)` segment can also
   * be read as plain text, so one field may end in more than one place.
   */
  private fieldEnds(): number[] {
    const ends = new Set<number>();
    const plain = this.regex(FIELD_NAME, this.pos);
    if (plain >= 0) ends.add(plain);
    const dotted = PQL_DOTTED_FIELDS.find((d) => this.text.startsWith(d, this.pos));
    if (dotted !== undefined) {
      const pending = [this.pos + dotted.length];
      const seen = new Set(pending);
      for (let at = pending.pop(); at !== undefined; at = pending.pop()) {
        if (this.text[at] !== '.') {
          this.expectAt(at, '.');
          continue;
        }
        for (const segment of PATH_SEGMENTS) {
          const end = this.regex(segment, at + 1);
          if (end < 0 || seen.has(end)) continue;
          seen.add(end);
          ends.add(end);
          pending.push(end);
        }
      }
    }
    return [...ends].sort((a, b) => b - a);
  }

  // ---- literals ------------------------------------------------------

  /** `string | integer | real | boolean | array`: the value of `=`, `!=`, `!~` and of list items. */
  private literal(): PqlAst | Fail {
    const start = this.pos;
    const s = this.attempt(() => this.string());
    if (s !== FAIL) return s;
    if (this.lit('[')) return this.nested(start, 1, () => this.literalListRest());
    const bool = this.oneOf(['true', 'false']);
    if (bool !== FAIL) return bool === 'true';
    return this.number();
  }

  /** `literal (, literal)* ]` after its `[`. */
  private literalListRest(): PqlAst[] | Fail {
    this.optWs();
    const values = this.list(() => this.literal());
    this.optWs();
    return values !== FAIL && this.lit(']') ? values : FAIL;
  }

  /** `integer | real | string`: the value of `<`, `<=`, `>`, `>=` (dates are strings). */
  private ordered(): PqlAst | Fail {
    const s = this.attempt(() => this.string());
    return s !== FAIL ? s : this.number();
  }

  /** `['a', "b"]`: the patterns of `~>`. */
  private regexpList(): PqlAst | Fail {
    if (!this.lit('[')) return FAIL;
    this.optWs();
    const patterns = this.list(() => this.string());
    this.optWs();
    return patterns !== FAIL && this.lit(']') ? patterns : FAIL;
  }

  private string(): string | Fail {
    const start = this.pos;
    const quote = this.text[start] === "'" ? "'" : '"';
    if (!this.lit(quote)) return this.expect("'");
    const end = stringBodyEnd(this.text, this.pos, quote);
    const body = this.text.slice(this.pos, end);
    this.pos = end;
    if (!this.lit(quote)) return FAIL;
    if (quote === "'") return decodeSingleQuoted(body);
    const value = decodeDoubleQuoted(body);
    if (value === undefined) throw new Abort(start, 'The double-quoted string is not a valid JSON string (PuppetDB decodes it as one): check its escapes and control characters.');
    return value;
  }

  private integer(): number | Fail {
    const start = this.pos;
    const end = this.regex(INTEGER, start);
    if (end < 0) return FAIL;
    this.pos = end;
    return this.exactInteger(start, this.text.slice(start, end));
  }

  private number(): number | Fail {
    const start = this.pos;
    const n = numberAt(this.text, start);
    if (n === undefined) {
      this.expect('-');
      this.expect('#"[0-9]+"');
      return FAIL;
    }
    this.pos = n.end;
    const source = this.text.slice(start, n.end);
    if (!n.real) return this.exactInteger(start, source);
    const value = Number(source);
    if (!Number.isFinite(value)) throw new Abort(start, `The number ${source} is out of range for a double.`);
    return value;
  }

  /** PuppetDB reads integers as 64-bit longs; Troupe keeps JSON numbers, so only integers a double holds exactly are taken. */
  private exactInteger(start: number, source: string): number {
    const value = Number(source);
    if (!Number.isSafeInteger(value)) throw new Abort(start, `The integer ${source} is out of range: integers from -${Number.MAX_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER} are accepted.`);
    return value === 0 ? 0 : value;
  }

  // ---- machinery -----------------------------------------------------

  /** `item (, item)*`, with optional whitespace around the commas. */
  private list<T>(item: () => T | Fail): T[] | Fail {
    const first = item();
    if (first === FAIL) return FAIL;
    const items = [first];
    const next = (): T | Fail => {
      this.optWs();
      if (!this.lit(',')) return FAIL;
      this.optWs();
      return item();
    };
    for (let i = this.attempt(next); i !== FAIL; i = this.attempt(next)) items.push(i);
    return items;
  }

  /** Runs `parse` `levels` deeper, refusing to go past `maxDepth` so no input can exhaust the stack. */
  private nested<T>(at: number, levels: number, parse: () => T): T {
    this.depth += levels;
    try {
      if (this.depth > this.maxDepth) throw new Abort(at, `The query nests deeper than ${this.maxDepth} levels of braces, parentheses, negations and arrays.`);
      return parse();
    } finally {
      this.depth -= levels;
    }
  }

  /** Runs `parse`; if it fails, puts the position back where it was. */
  private attempt<T>(parse: () => T | Fail): T | Fail {
    const start = this.pos;
    const result = parse();
    if (result === FAIL) this.pos = start;
    return result;
  }

  private lit(s: string): boolean {
    if (this.text.startsWith(s, this.pos)) {
      this.pos += s.length;
      return true;
    }
    this.expect(s);
    return false;
  }

  private oneOf<const W extends string>(words: readonly W[]): W | Fail {
    for (const w of words) if (this.lit(w)) return w;
    return FAIL;
  }

  /** The end of `t` matched at `at`, or -1 (recorded as expected there). */
  private regex(t: RegexTerminal, at: number): number {
    const end = matchAt(t, this.text, at);
    if (end < 0) this.expectAt(at, t.shown);
    return end;
  }

  private ws(): boolean {
    const end = this.regex(WHITESPACE, this.pos);
    if (end < 0) return false;
    this.pos = end;
    return true;
  }

  private optWs(): void {
    this.ws();
  }

  private expect(shown: string): Fail {
    this.expectAt(this.pos, shown);
    return FAIL;
  }

  private expectAt(at: number, shown: string): void {
    if (at > this.furthest) {
      this.furthest = at;
      this.expected = [shown];
    } else if (at === this.furthest && !this.expected.includes(shown)) {
      this.expected.push(shown);
    }
  }
}
