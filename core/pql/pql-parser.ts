import { err, ok, type Result } from '../result.js';
import { PQL_ENTITIES, type PqlAst, type PqlEntity, type PqlError, type PqlQuery } from './pql-ast.js';
import { FAIL, type Fail, PqlCursor, Refusal } from './pql-cursor.js';
import { pqlError, syntaxError } from './pql-failure.js';
import { fieldEnds, inList, inOrderBy, readField } from './pql-fields.js';
import { readFieldList, readFieldListRest } from './pql-projection.js';
import { readInteger, readLiteral, readLiteralsRest, readOrdered, readRegexpList, readString } from './pql-literals.js';
import { assembleFrom, assembleSubquery, combine, type Clause } from './pql-transform.js';
import { WHITESPACE } from './pql-terminals.js';

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
    if (query === FAIL) return err(syntaxError(text, parser.furthest, [...parser.expected].reverse()));
    return parser.untranslatable ? err(refusal(text, parser.untranslatable)) : ok(query);
  } catch (e) {
    if (e instanceof Refusal) return err(refusal(text, e));
    throw e;
  }
}

/** A `{…}` block as read once: where it ends, its clauses, and the first thing in it PuppetDB would not translate. */
interface Block {
  readonly end: number;
  readonly clauses: Clause[];
  readonly untranslatable: Refusal | undefined;
}

const refusal = (text: string, r: Refusal): PqlError => pqlError(text, r.pos, `${r.reason}\n`);

const INEQUALITIES = ['>=', '<=', '<', '>'] as const;

/**
 * A recursive-descent reading of `pql-grammar.ebnf`. Instaparse explores
 * every reading of that grammar; here each choice is decided by what
 * follows, backtracking only where two readings can both go on (a
 * condition or an implicit subquery; operators sharing a first character;
 * the lengths of a dotted field). Failures record what was expected at
 * the furthest offset reached, which is what Instaparse reports.
 */
class PqlParser extends PqlCursor {
  /** `{…}` blocks already read, by offset: a backtracked reading never parses one twice. */
  private readonly blocks = new Map<number, Block | Fail>();

  /** `condexpression`'s operators in the grammar's order, each with the value it takes. */
  private readonly operators: ReadonlyArray<readonly [string, () => PqlAst | Fail]> = [
    ['~', () => readString(this)],
    ['~>', () => readRegexpList(this)],
    ...INEQUALITIES.map((op) => [op, () => readOrdered(this)] as const),
    ['=', () => readLiteral(this)],
    ['!=', () => readLiteral(this)],
    ['!~', () => readLiteral(this)],
    ['in', () => this.valueIn()],
  ];

  query(): PqlQuery | Fail {
    this.optWs();
    const from = this.from();
    if (from === FAIL) return FAIL;
    const end = this.pos;
    this.optWs();
    if (this.pos === this.text.length) return from;
    // Instaparse reports text after a whole query where the query ended, as these two.
    this.furthest = end;
    this.expected = [':end-of-string', `${WHITESPACE.shown} (followed by end-of-string)`];
    return FAIL;
  }

  // ---- structure -----------------------------------------------------

  private from(): PqlQuery | Fail {
    const entity = this.entity();
    if (entity === FAIL) return FAIL;
    let extract = this.attempt(() => this.extract());
    if (extract === FAIL) extract = this.attempt(() => (this.ws() ? this.extract() : FAIL));
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
    const fields = this.attempt(() => readFieldList(this, inList(']')));
    this.optWs();
    if (!this.lit(']')) return FAIL;
    return ['extract', fields === FAIL ? [] : fields];
  }

  /** `{ [expression] [group by … | limit/offset/order by …] }`: the clauses inside. */
  private where(): Clause[] | Fail {
    const start = this.pos;
    let block = this.blocks.get(start);
    if (block === undefined) {
      const before = this.untranslatable;
      this.untranslatable = undefined;
      const clauses = this.nested(start, 1, () => this.block());
      block = clauses === FAIL ? FAIL : { end: this.pos, clauses, untranslatable: this.untranslatable };
      this.untranslatable = before;
      this.blocks.set(start, block);
    }
    if (block === FAIL) return FAIL;
    this.pos = block.end;
    this.untranslatable ??= block.untranslatable;
    return block.clauses;
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
    this.manyWs();
    return this.lit('}') ? clauses : FAIL;
  }

  private groupBy(): Clause | Fail {
    if (!this.lit('group by') || !this.ws()) return FAIL;
    const fields = readFieldList(this, inList('}'));
    return fields === FAIL ? FAIL : ['group_by', ...fields];
  }

  private paging(): Clause | Fail {
    for (const word of ['limit', 'offset'] as const) {
      if (this.lit(word)) {
        if (!this.ws()) return FAIL;
        const n = readInteger(this);
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
    // `!('asc' | 'desc')`: both words are tried, and Instaparse records the one that fails.
    const start = this.pos;
    const keywords = ['asc', 'desc'].filter((word) => {
      const found = this.lit(word);
      this.pos = start;
      return found;
    });
    if (keywords.length > 0) return this.expect('NOT "asc" | "desc"');
    const field = readField(this, inOrderBy);
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
    const condition = this.attempt(() => this.condition());
    return condition !== FAIL ? condition : this.attempt(() => this.subquery());
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
    if (subquery !== undefined) return subquery;
    this.refuse(start, `The implicit subquery '${entity} { … }' holds ${clauses.length} clauses; PuppetDB translates at most one (a filter, or a single limit, offset, order by or group by).`);
    return ['subquery', entity, ...clauses];
  }

  private condition(): PqlAst | Fail {
    if (this.lit('[')) {
      const fields = readFieldListRest(this);
      if (fields === FAIL) return FAIL;
      this.optWs();
      if (!this.lit('in')) return FAIL;
      this.optWs();
      const values = this.valueIn();
      return values === FAIL ? FAIL : ['in', fields, values];
    }
    const start = this.pos;
    for (const end of fieldEnds(this, true)) {
      this.pos = end;
      const c = this.attempt(() => this.comparison(this.text.slice(start, end)));
      if (c !== FAIL) return c;
    }
    return FAIL;
  }

  /**
   * What follows the field of a condition: an operator and its value, or
   * `is [not] null`. Each operator is tried in the grammar's order, so
   * `~` reading `~>` fails on its value and `~>` is tried next.
   */
  private comparison(field: string): PqlAst | Fail {
    const afterField = this.pos;
    // Instaparse lists this whitespace after the operators it tried, so it is recorded after them.
    const spaced = this.skipWs();
    const start = this.pos;
    for (const [op, value] of this.operators) {
      this.pos = start;
      const v = this.attempt(() => (this.lit(op) ? this.spacedThen(value) : FAIL));
      if (v === FAIL) continue;
      // PuppetDB turns `!=` and `!~` into `not` around `=` and `~`.
      return op === '!=' || op === '!~' ? ['not', [op.slice(1), field, v]] : [op, field, v];
    }
    if (!spaced) this.expectAt(afterField, WHITESPACE.shown);
    this.pos = start;
    if (this.lit('is null')) return ['null?', field, true];
    if (this.lit('is not null')) return ['null?', field, false];
    return FAIL;
  }

  private spacedThen(value: () => PqlAst | Fail): PqlAst | Fail {
    this.optWs();
    return value();
  }

  /** The right of `in`: a query (`nodes[certname] {…}`) or a literal list (`["a", "b"]`, as `["array", [...]]`). */
  private valueIn(): PqlAst | Fail {
    const start = this.pos;
    if (this.lit('[')) {
      const values = this.nested(start, 1, () => readLiteralsRest(this));
      return values === FAIL ? FAIL : ['array', values];
    }
    return this.from();
  }
}
