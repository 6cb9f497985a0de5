import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { rowTable } from '../../../../ops/cli/data/row-table.js';

describe("troupe query's table", () => {
  it('lays out columns in first-seen order, JSON for non-strings, blanks for missing fields', () => {
    assert.equal(rowTable([{ a: 'x', b: 1 }, { b: { k: [1] }, c: null }]), [
      'a | b         | c',
      '--+-----------+-----',
      'x | 1         |',
      '  | {"k":[1]} | null',
      '(2 rows)', ''].join('\n'));
    assert.equal(rowTable([]), '(0 rows)\n');
    assert.equal(rowTable([1, 'x']), '1\n"x"\n(2 rows)\n');
  });

  it('gives every row a line whose cells, in aligned columns, are the row\'s values', () => {
    const text = fc.stringMatching(/^[a-z0-9.]{0,12}$/);
    const rows = fc.array(fc.dictionary(fc.constantFrom('certname', 'name', 'value'), text), { minLength: 1, maxLength: 8 })
      .filter((rs) => rs.some((r) => Object.keys(r).length > 0));
    fc.assert(fc.property(rows, (rs) => {
      const lines = rowTable(rs).split('\n');
      assert.equal(lines.length, rs.length + 4, 'header, rule, rows, footer, final newline');
      const columns = lines[0]!.split(' | ').map((c) => c.trim());
      const starts = columns.map((_c, i) => lines[1]!.split('+').slice(0, i).reduce((n, part) => n + part.length + 1, 0));
      for (const [i, row] of rs.entries()) {
        const line = lines[i + 2]!;
        columns.forEach((c, j) => {
          const end = j + 1 < columns.length ? starts[j + 1]! - 2 : undefined;
          assert.equal(line.slice(starts[j] === 0 ? 0 : starts[j]! + 1, end).trim(), row[c] ?? '', JSON.stringify({ rs, c }));
        });
      }
    }), { numRuns: 300 });
  });
});
