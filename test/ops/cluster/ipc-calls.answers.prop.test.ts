import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { IpcCalls } from '../../../ops/cluster/ipc-calls.js';

type Step =
  | { readonly kind: 'call' }
  | { readonly kind: 'resolve' | 'reject'; readonly pick: number }
  | { readonly kind: 'rejectAll' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ kind: 'call' }),
  fc.record({ kind: fc.constantFrom('resolve' as const, 'reject' as const), pick: fc.nat(20) }),
  fc.constant<Step>({ kind: 'rejectAll' }),
);

describe('IpcCalls', () => {
  it('each call settles once, with the answer sent for its own id; unknown and repeated answers change nothing; rejectAll ends every open call', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
      const calls = new IpcCalls<number>();
      const sent: number[] = [];
      const settled = new Map<number, Array<{ ok: boolean; value: unknown }>>();
      const expected = new Map<number, { ok: boolean; value: unknown }>();
      for (const s of steps) {
        if (s.kind === 'call') {
          let id = -1;
          const p = calls.call((callId) => { id = callId; sent.push(callId); });
          settled.set(id, []);
          p.then((value) => settled.get(id)!.push({ ok: true, value }), (e: Error) => settled.get(id)!.push({ ok: false, value: e.message }));
        } else if (s.kind === 'rejectAll') {
          for (const id of sent) if (!expected.has(id)) expected.set(id, { ok: false, value: 'gone' });
          calls.rejectAll(new Error('gone'));
        } else {
          // Ids past the calls made are unknown ones (a stale or foreign answer).
          const id = s.pick;
          const answer = s.kind === 'resolve' ? { ok: true, value: id * 10 } : { ok: false, value: `no ${id}` };
          if (sent.includes(id) && !expected.has(id)) expected.set(id, answer);
          if (s.kind === 'resolve') calls.resolve(id, id * 10);
          else calls.reject(id, new Error(`no ${id}`));
        }
        assert.equal(calls.pending, sent.filter((id) => !expected.has(id)).length);
      }
      await new Promise((r) => setImmediate(r));
      for (const id of sent) assert.deepEqual(settled.get(id), expected.has(id) ? [expected.get(id)] : [], `call ${id}`);
      assert.deepEqual(sent, sent.map((_, i) => i), 'ids are distinct, in order');
    }));
  });
});
