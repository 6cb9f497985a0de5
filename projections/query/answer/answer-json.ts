import type { OutputColumn } from '../compiler/query-compiler.js';

/** A stored row as the database answered it: the values of the query's output columns, in their order. */
export type StoredRow = readonly unknown[];

/** A row's stored value by output column name (what a column's decoder may read besides its own value). */
export type RowField = (name: string) => unknown;

/**
 * How to read a stored row's values by name: one reader, pointed at each
 * row in turn (decoding is synchronous, row after row; no closure per row).
 */
function fieldReader(columns: readonly OutputColumn[]): (row: StoredRow) => RowField {
  const at = new Map(columns.map((c, i) => [c.name, i]));
  let current: StoredRow = [];
  const field: RowField = (name) => { const i = at.get(name); return i === undefined ? undefined : current[i]; };
  return (row) => { current = row; return field; };
}

/** Decodes stored rows into PuppetDB's answer objects, one column after another. */
export function rowDecoder(columns: readonly OutputColumn[]): (row: StoredRow) => Record<string, unknown> {
  return decoderOfRun(columns, 0, columns.length, fieldReader(columns));
}

function decoderOfRun(columns: readonly OutputColumn[], from: number, to: number, reader: (row: StoredRow) => RowField) {
  return (row: StoredRow): Record<string, unknown> => {
    const field = reader(row);
    const out: Record<string, unknown> = {};
    for (let i = from; i < to; i++) out[columns[i]!.name] = columns[i]!.decode(row[i], field);
    return out;
  };
}

/**
 * How one stored row becomes its answer's JSON text. Columns stored as the
 * JSON text they answer ({@link OutputColumn.storedJson}) are spliced in as
 * stored; the runs of other columns between them are decoded into an object
 * and serialised by `JSON.stringify`, its braces dropped (a lone column:
 * its value after its key). The text is
 * exactly `JSON.stringify(rowDecoder(columns)(row))`.
 */
export function rowJsonWriter(columns: readonly OutputColumn[]): (row: StoredRow) => string {
  const reader = fieldReader(columns);
  const segments: ((row: StoredRow) => string)[] = [];
  for (let i = 0; i < columns.length;) {
    const c = columns[i]!;
    const at = i;
    if (c.storedJson) {
      const key = `${JSON.stringify(c.name)}:`;
      segments.push((row) => key + String(row[at] ?? 'null'));
      i++;
      continue;
    }
    let end = i;
    while (end < columns.length && !columns[end]!.storedJson) end++;
    if (end === i + 1) {
      // A lone column: its value serialised after its key, without an object around it.
      const key = `${JSON.stringify(c.name)}:`;
      segments.push((row) => { const v = c.decode(row[at], reader(row)); return v === undefined ? '' : key + JSON.stringify(v); });
    } else {
      const decode = decoderOfRun(columns, i, end, reader);
      segments.push((row) => JSON.stringify(decode(row)).slice(1, -1));
    }
    i = end;
  }
  return (row) => {
    let out = '';
    for (const segment of segments) {
      const text = segment(row);
      if (text !== '') out += out === '' ? text : `,${text}`;
    }
    return `{${out}}`;
  };
}

/**
 * Stored rows as the JSON array PuppetDB answers (`flatten`: each row as
 * that column's value, fact-names), built as text: nothing stored as JSON
 * is parsed only to be serialised again.
 */
export function answerJson(columns: readonly OutputColumn[], rows: readonly StoredRow[], flatten?: string): string {
  if (flatten !== undefined) {
    const at = columns.findIndex((c) => c.name === flatten);
    return JSON.stringify(rows.map((r) => r[at]));
  }
  // Without stored JSON one serialisation of all rows is cheaper than one per row.
  if (!columns.some((c) => c.storedJson)) return JSON.stringify(rows.map(rowDecoder(columns)));
  const write = rowJsonWriter(columns);
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) parts[i] = write(rows[i]!);
  return `[${parts.join(',')}]`;
}
