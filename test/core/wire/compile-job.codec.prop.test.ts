import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compileJobId, decodeCompileJob, encodeCompileJob, type CompileJob } from '../../../core/wire/compile-job.codec.js';

const certname = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,30}$/);
const requestIds = fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 8 });
const job: fc.Arbitrary<CompileJob> = fc.record({
  certname, requestIds,
  environment: fc.stringMatching(/^[a-z_][a-z0-9_]{0,15}$/),
  priority: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom(-1, -0.5)),
  position: fc.nat(),
  previousHash: fc.option(fc.stringMatching(/^[0-9a-f]{40}$/), { nil: null }),
  trusted: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })), { nil: undefined }),
}).map(({ trusted, ...j }) => ({ ...j, id: compileJobId(j.certname, j.requestIds), ...(trusted === undefined ? {} : { trusted }) }));

describe('compile job codec', () => {
  it('decodes what it encodes', () => {
    fc.assert(fc.property(job, (j) => {
      const d = decodeCompileJob(encodeCompileJob(j));
      assert.ok(d.ok, d.ok ? '' : d.error.message);
      assert.deepEqual(d.value, JSON.parse(JSON.stringify(j)));
    }));
  });

  it('the job id is a UUID that depends on the certname and the set of requests, not their order', () => {
    fc.assert(fc.property(certname, requestIds, (c, ids) => {
      const id = compileJobId(c, ids);
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(compileJobId(c, [...ids].reverse()), id);
      assert.notEqual(compileJobId(`${c}x`, ids), id);
      assert.notEqual(compileJobId(c, [...ids, 'another']), id);
    }));
  });

  it('refuses a job whose id is not the one its requests derive (it would defeat the dedupe)', () => {
    fc.assert(fc.property(job, fc.uuid(), (j, other) => {
      fc.pre(other !== j.id);
      const d = decodeCompileJob(encodeCompileJob({ ...j, id: other }));
      assert.equal(d.ok, false);
      assert.match(d.ok ? '' : d.error.message, /^id: /);
    }));
  });

  it('any other text is an error result naming what is wrong, never a throw', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))), (body) => {
      const d = decodeCompileJob(body);
      if (!d.ok) assert.equal(d.error.code, 'invalid_input');
    }));
  });

  it('refuses each broken field with its name', () => {
    const good = JSON.parse(encodeCompileJob({ id: compileJobId('web1', ['r1']), certname: 'web1', environment: 'production', requestIds: ['r1'], priority: 0, position: 3, previousHash: null }));
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ version: 2 }, /^version: /],
      [{ certname: 'Web 1' }, /^certname: /],
      [{ requestIds: [] }, /^requestIds: /],
      [{ requestIds: [1] }, /^requestIds\[0\]: /],
      [{ priority: 10 }, /^priority: /],
      [{ priority: 'high' }, /^priority: /],
      [{ position: -1 }, /^position: /],
      [{ environment: '' }, /^environment: /],
      [{ trusted: [] }, /^trusted: /],
      [{ extra: 1 }, /^extra: unknown field/],
    ];
    for (const [change, reason] of cases) {
      const d = decodeCompileJob(JSON.stringify({ ...good, ...change }));
      assert.equal(d.ok, false, JSON.stringify(change));
      assert.match(d.ok ? '' : d.error.message, reason);
    }
    assert.equal(decodeCompileJob('x'.repeat(1_000_001)).ok, false);
    assert.ok(decodeCompileJob(JSON.stringify(good)).ok);
  });
});
