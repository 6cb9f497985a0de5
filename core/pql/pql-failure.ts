import type { PqlError } from './pql-ast.js';

/** Characters of the failing line shown either side of the caret; a 64 KiB one-line query still gives a short message. */
const CONTEXT = 80;

/**
 * 1-based line and column of offset `pos`, counting only `\n` as a line
 * break as Instaparse does. Reads nothing past `pos`, so locating the end
 * of an over-long text costs no more than the limit it broke.
 */
export function locate(text: string, pos: number): { readonly line: number; readonly column: number; readonly lineStart: number } {
  const before = text.slice(0, pos);
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line += 1;
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line, column: pos - lineStart + 1, lineStart };
}

/**
 * PuppetDB's failure report (`pql/pprint-failure`): where, the line with a
 * caret under the column, then `reason`.
 */
export function pqlError(text: string, pos: number, reason: string): PqlError {
  const { line, column, lineStart } = locate(text, pos);
  const from = Math.max(lineStart, pos - CONTEXT);
  const around = text.slice(from, pos + CONTEXT);
  // PuppetDB shows the line as Java's readLine reads it: up to \n, \r\n or \r.
  const lineEnd = around.search(/[\r\n]/);
  const shown = lineEnd < 0 ? around : around.slice(0, lineEnd);
  const marker = `${' '.repeat(pos - from)}^`;
  return { code: 'pql_syntax', line, column, message: `PQL parse error at line ${line}, column ${column}:\n\n${shown}\n${marker}\n\n${reason}` };
}

/** A parse that found no reading: what the grammar would have accepted at the furthest point reached. */
export function syntaxError(text: string, pos: number, expected: readonly string[]): PqlError {
  const heading = expected.length === 0 ? '' : expected.length === 1 ? 'Expected:\n' : 'Expected one of:\n\n';
  return pqlError(text, pos, heading + expected.map((e) => `${e}\n`).join(''));
}
