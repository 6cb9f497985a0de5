import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parsePql } from '../../../core/pql/pql-parser.js';
import { pqlQuery } from './pql.arbitraries.js';

describe('PQL parser (property)', () => {
  it('reads any well-formed query as the AST its parts mean, whatever the optional whitespace', () => {
    fc.assert(fc.property(pqlQuery, ({ text, ast }) => {
      const r = parsePql(text);
      assert.ok(r.ok, r.ok ? '' : `${JSON.stringify(text)}\n${r.error.message}`);
      assert.deepEqual(r.value, ast);
    }), { numRuns: 1500 });
  });

  it('refuses every proper prefix of a query, pointing inside it', () => {
    fc.assert(fc.property(pqlQuery, fc.double({ min: 0, max: 1, noNaN: true }), ({ text }, cut) => {
      const trimmed = text.trim();
      const prefix = trimmed.slice(0, Math.floor(cut * trimmed.length));
      if (prefix.length === trimmed.length) return;
      const r = parsePql(prefix);
      assert.ok(!r.ok, JSON.stringify(prefix));
      assert.ok(r.error.line <= prefix.split('\n').length);
    }), { numRuns: 500 });
  });
});
