import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { brokerPriority, COMPILE_QUEUE, compileJobMessage } from '../../../../../actors/transport/stomp/compile/compile-job.message.js';
import { jobOf } from '../../../../../actors/transport/stomp/compile/compile-job-publisher.js';
import { decodeCompileJob } from '../../../../../core/wire/compile-job.codec.js';

describe('compile job message', () => {
  const job = jobOf({
    state: { certname: 'db1.example.com', facts: null, lastHash: 'abc'},
    work: { kind: 'compile', requestIds: ['r2', 'r1'], environment: 'production', priority: 9, position: 42, trusted: { certname: 'db1.example.com' } },
  });

  it('is persistent, grouped by node, prioritised, expiring, and carries a job its consumer reads back', () => {
    const m = compileJobMessage(job, { destination: COMPILE_QUEUE, ttlMs: 60_000, now: 1_000 });
    assert.equal(m.destination, '/queue/troupe.compile');
    assert.deepEqual(
      [m.headers!['persistent'], m.headers!['JMSXGroupID'], m.headers!['priority'], m.headers!['expires'], m.headers!['troupe-job-id']],
      ['true', 'db1.example.com', '9', '61000', job.id],
    );
    const d = decodeCompileJob(m.body);
    assert.ok(d.ok);
    assert.deepEqual(d.value, job);
  });

  it('the same requests in another order make the same job id (a re-published job is the same job)', () => {
    const again = jobOf({
      state: { certname: 'db1.example.com', facts: null, lastHash: null},
      work: { kind: 'compile', requestIds: ['r1', 'r2'], environment: 'production', priority: 0, position: 43 },
    });
    assert.equal(again.id, job.id);
  });

  it('broker priority: background 0, requests 1 + their class, at most 9, never decreasing', () => {
    assert.deepEqual([-1, -0.5, 0, 6, 9].map(brokerPriority), [0, 0, 1, 7, 9]);
    fc.assert(fc.property(fc.double({ min: -10, max: 9, noNaN: true }), fc.double({ min: -10, max: 9, noNaN: true }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      assert.ok(brokerPriority(lo) <= brokerPriority(hi));
      assert.ok(Number.isInteger(brokerPriority(lo)) && brokerPriority(lo) >= 0 && brokerPriority(hi) <= 9);
    }));
  });
});
