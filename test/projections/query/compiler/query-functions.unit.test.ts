import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitDotted } from '../../../../projections/query/compiler/query-scope.js';
import { QueryError } from '../../../../projections/query/query-error.js';
import {
  compileRegexp, factPath, MAX_REGEXP_LENGTH, pathMatches, translateRegexp,
} from '../../../../projections/query/compiler/query-functions.sqlite.js';
import { parsePaging, pagingClauses } from '../../../../projections/query/query-paging.js';

describe('regexps', () => {
  it('translates PostgreSQL/Java forms to ECMAScript', () => {
    assert.deepEqual(translateRegexp('(?i)^web'), { source: '^web', flags: 'i' });
    assert.deepEqual(translateRegexp('\\Aweb[[:digit:]]+\\Z'), { source: '^web[0-9]+$', flags: '' });
    assert.deepEqual(translateRegexp('\\mfoo\\M'), { source: '\\bfoo\\b', flags: '' });
    assert.deepEqual(translateRegexp('a\\.b\\d'), { source: 'a\\.b\\d', flags: '' });
    assert.ok(compileRegexp('(?i)^WEB').test('web1'));
  });
  it('refuses invalid and oversized patterns with a QueryError', () => {
    assert.throws(() => compileRegexp('(['), QueryError);
    assert.throws(() => compileRegexp('a'.repeat(MAX_REGEXP_LENGTH + 1)), /longer than/);
  });
  it('caches compiled patterns', () => {
    assert.equal(compileRegexp('^cached$'), compileRegexp('^cached$'));
  });
  it('~> matches each path segment at its position, lengths equal', () => {
    assert.ok(pathMatches(['networking', 'interfaces', 'eth0', 'ip'], ['networking', 'interfaces', '.*', 'ip']));
    assert.ok(!pathMatches(['networking', 'interfaces'], ['networking', 'interfaces', '.*']));
    assert.ok(pathMatches(['processors', 'models', 0], ['processors', 'models', '\\d+']));
  });
});

describe('fact paths from json_tree keys', () => {
  it('parses plain, quoted and indexed segments', () => {
    assert.deepEqual(factPath('os', '$'), ['os']);
    assert.deepEqual(factPath('os', '$.release.major'), ['os', 'release', 'major']);
    assert.deepEqual(factPath('net', '$."eth0.1".ip[2]'), ['net', 'eth0.1', 'ip', 2]);
  });
});

describe('dotted fields', () => {
  it('splits on dots outside quotes; [n] indexes', () => {
    assert.deepEqual(splitDotted('facts.os.family'), ['facts', 'os', 'family']);
    assert.deepEqual(splitDotted('facts."a.b".c'), ['facts', 'a.b', 'c']);
    assert.deepEqual(splitDotted('facts.list[1][2]'), ['facts', 'list', 1, 2]);
  });
  it('round-trips any plain segments (property)', () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z_0-9]{1,8}$/), { minLength: 1, maxLength: 5 }), (parts) => {
      assert.deepEqual(splitDotted(parts.join('.')), parts);
    }));
  });
});

describe('paging parameters', () => {
  it('validates with PuppetDB\'s messages', () => {
    assert.deepEqual(parsePaging({ limit: '10', offset: '0', order_by: '[{"field":"certname","order":"desc"}]', include_total: 'true' }),
      { limit: 10, offset: 0, orderBy: [{ field: 'certname', descending: true }], includeTotal: true });
    assert.throws(() => parsePaging({ limit: '0' }), { message: `Illegal value '0' for :limit; expected a positive non-zero integer.` });
    assert.throws(() => parsePaging({ offset: '-1' }), { message: `Illegal value '-1' for :offset; expected a non-negative integer.` });
    assert.throws(() => parsePaging({ order_by: '[{' }), { message: `Illegal value '[{' for :order_by; expected a JSON array of maps.` });
    assert.throws(() => parsePaging({ order_by: '[{"order":"asc"}]' }), /missing required key 'field'/);
    assert.throws(() => parsePaging({ order_by: '[{"field":"a","order":"up"}]' }), /'order' must be either 'asc' or 'desc'/);
    assert.throws(() => parsePaging({ order_by: '[{"field":"a","by":1}]' }), /unknown key 'by'/);
  });
  it('reads a from\'s clauses', () => {
    assert.deepEqual(pagingClauses([['limit', 2], ['order_by', ['a', ['b', 'desc']]]]),
      { limit: 2, orderBy: [{ field: 'a', descending: false }, { field: 'b', descending: true }] });
    assert.throws(() => pagingClauses([['offset']]), { message: `Received 'offset' clause without an argument` });
  });
});
