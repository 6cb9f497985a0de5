/** A value as one table cell: strings as they are, anything else as JSON. */
const cell = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));

/**
 * Rows of objects as an aligned text table: one column per field, in the
 * order fields first appear, a header and a `(N rows)` footer, as psql
 * prints them. Rows that are not objects are printed as JSON, one a line.
 */
export function rowTable(rows: readonly unknown[]): string {
  const objects = rows.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r)) ? rows as Record<string, unknown>[] : null;
  const footer = `(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})\n`;
  if (rows.length === 0) return footer;
  if (!objects) return `${rows.map((r) => JSON.stringify(r)).join('\n')}\n${footer}`;
  const columns = [...new Set(objects.flatMap((r) => Object.keys(r)))];
  const cells = objects.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: readonly string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join(' | ').trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('-+-'), ...cells.map(line), footer].join('\n');
}
