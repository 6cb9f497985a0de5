import { PQL_FUNCTIONS, type PqlAst } from './pql-ast.js';
import { FAIL, type Fail, type PqlCursor } from './pql-cursor.js';
import { type Follows, inList, readField } from './pql-fields.js';
import { readString } from './pql-literals.js';

/**
 * `field | function` items separated by commas: a projection
 * (`[certname, count()]`), the left of `[a, b] in`, a `group by`. A
 * function wins where both read (`count()`); the field is read first only
 * because Instaparse tries it first, which orders its error's list.
 */
export function readFieldList(c: PqlCursor, follows: Follows): PqlAst[] | Fail {
  return c.list(() => {
    const start = c.pos;
    const field = readField(c, follows);
    const fieldEnd = c.pos;
    c.pos = start;
    const f = c.attempt(() => readFunction(c));
    if (f !== FAIL) return f;
    c.pos = fieldEnd;
    return field;
  });
}

/** `[a, b]` after its `[`. */
export function readFieldListRest(c: PqlCursor): PqlAst[] | Fail {
  c.optWs();
  const fields = readFieldList(c, inList(']'));
  c.optWs();
  return fields !== FAIL && c.lit(']') ? fields : FAIL;
}

/** `count()`, `avg(value)`, `to_string(receive_time, "HH24")` as `["function", name, ...args]`. */
function readFunction(c: PqlCursor): PqlAst | Fail {
  const name = c.oneOf(PQL_FUNCTIONS);
  if (name === FAIL) return FAIL;
  c.optWs();
  if (!c.lit('(')) return FAIL;
  c.optWs();
  const args = c.attempt(() => readArguments(c));
  c.optWs();
  if (!c.lit(')')) return FAIL;
  return ['function', name, ...(args === FAIL ? [] : args)];
}

/** `(field | string) [, string…]`. */
function readArguments(c: PqlCursor): PqlAst[] | Fail {
  const field = readField(c, inList(')'));
  const first = field !== FAIL ? field : readString(c);
  if (first === FAIL) return FAIL;
  const rest = c.attempt(() => {
    c.optWs();
    if (!c.lit(',')) return FAIL;
    c.optWs();
    return c.list(() => readString(c));
  });
  return rest === FAIL ? [first] : [first, ...rest];
}
