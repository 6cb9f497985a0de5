import { TroupeError } from '../../core/errors/troupe-error.js';

/**
 * A query PuppetDB would refuse with 400: malformed AST, unknown field or
 * entity, bad operator or paging option. `message` is PuppetDB's own text,
 * so clients matching on it (and people who know PuppetDB) read the same.
 */
export class QueryError extends TroupeError {
  constructor(message: string) {
    super('invalid_input', message);
  }
}

/** PuppetDB's `comma-separated-keywords`: `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`. */
export function quotedList(words: readonly string[]): string {
  const q = words.map((w) => `'${w}'`);
  return q.length > 2 ? `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}` : q.join(' and ');
}

/** A value as Clojure's `pr-str` would print it in PuppetDB's messages (JSON is close enough). */
export const printed = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
