import type { PqlError } from './pql-ast.js';

/** Characters of the failing line shown either side of the caret; a 64 KiB one-line query still gives a short message. */
const CONTEXT = 80;

/** 1-based line and column of offset `pos`, counting only `\n` as a line break as Instaparse does. */
export function locate(text: string, pos: number): { readonly line: number; readonly column: number; readonly lineStart: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: pos - lineStart + 1, lineStart };
}

/**
 * PuppetDB's failure report (`pql/pprint-failure`): where, the line with a
 * caret under the column, then `reason`.
 */
export function pqlError(text: string, pos: number, reason: string): PqlError {
  const { line, column, lineStart } = locate(text, pos);
  const lineEnd = text.indexOf('\n', lineStart);
  const from = Math.max(lineStart, pos - CONTEXT);
  const shown = text.slice(from, Math.min(lineEnd < 0 ? text.length : lineEnd, pos + CONTEXT));
  const marker = `${' '.repeat(pos - from)}^`;
  return { code: 'pql_syntax', line, column, message: `PQL parse error at line ${line}, column ${column}:\n\n${shown}\n${marker}\n\n${reason}` };
}

/** A parse that found no reading: what the grammar would have accepted at the furthest point reached. */
export function syntaxError(text: string, pos: number, expected: readonly string[]): PqlError {
  const heading = expected.length === 0 ? '' : expected.length === 1 ? 'Expected:\n' : 'Expected one of:\n\n';
  return pqlError(text, pos, heading + expected.map((e) => `${e}\n`).join(''));
}
