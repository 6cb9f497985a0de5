import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdmissionController } from '../../../actors/admission/admission-controller.js';
import { createCheckIn } from '../../../actors/check-in/check-in.js';
import { CompileWaiters } from '../../../actors/compile/compile-waiters.js';
import { ValidationError } from '../../../core/errors/troupe-error.js';
import type { CatalogRequested, RecordedEvent, TroupeEvent } from '../../../core/events/event.types.js';
import { err, ok } from '../../../core/result.js';
import type { CatalogRequest } from '../../../core/wire/catalog-request.decoder.js';

const REQUEST: CatalogRequest = { certname: 'a.example.com', environment: 'production', facts: { x: 1 }, transactionUuid: 't1', priority: 3, trusted: { fromBody: true } };

function setup(append: (events: readonly TroupeEvent[]) => Promise<void> = async () => {}) {
  const admission = new AdmissionController({ highWater: 2 });
  const waiters = new CompileWaiters();
  const appended: TroupeEvent[][] = [];
  const checkIn = createCheckIn({ admission, waiters, timeoutMs: 50, append: async (events) => { appended.push([...events]); await append(events); } });
  return { admission, waiters, appended, checkIn };
}

describe('check-in use case', () => {
  it('appends facts and the compile request together, and answers with the outcome', async () => {
    const { checkIn, appended, waiters, admission } = setup();
    const answer = checkIn({ read: async () => ok(REQUEST) });
    await new Promise((r) => setImmediate(r));
    const [facts, request] = appended[0]!;
    assert.equal(facts!.type, 'facts_submitted');
    assert.equal(request!.type, 'catalog_requested');
    assert.deepEqual((request as CatalogRequested).data, { environment: 'production', reason: 'agent', priority: 3, transactionUuid: 't1', trusted: { fromBody: true } });
    waiters.settle({ type: 'compile_failed', data: { requestIds: [request!.id] } } as unknown as RecordedEvent<never>);
    assert.equal((await answer).status, 'failed');
    assert.equal(admission.pending, 1, 'the slot is held until the router sees the outcome');
  });

  it("uses the certificate's $trusted over the request's, and appends no facts when none came", async () => {
    const { checkIn, appended } = setup();
    const answer = checkIn({ read: async () => ok({ ...REQUEST, facts: null }), trusted: { certname: 'a.example.com' } });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(appended[0]!.map((e) => e.type), ['catalog_requested']);
    assert.deepEqual((appended[0]![0] as CatalogRequested).data.trusted, { certname: 'a.example.com' });
    assert.equal((await answer).status, 'timeout');
  });

  it('refuses without reading when admission is shut', async () => {
    const { checkIn, admission } = setup();
    admission.reserve('x');
    admission.reserve('y');
    let read = false;
    const outcome = await checkIn({ read: async () => { read = true; return ok(REQUEST); } });
    assert.equal(outcome.status, 'refused');
    assert.ok(outcome.status === 'refused' && outcome.retryAfterSeconds >= 1);
    assert.equal(read, false);
  });

  it('gives the slot back when the request is invalid, unreadable or not appended', async () => {
    const failing = setup(async () => { throw new Error('disk full'); });
    await assert.rejects(failing.checkIn({ read: async () => ok(REQUEST) }), /disk full/);
    assert.equal(failing.admission.pending, 0);
    assert.equal(failing.waiters.size, 0);
    const { checkIn, admission, appended } = setup();
    assert.equal((await checkIn({ read: async () => err(new ValidationError('facts', 'bad')) })).status, 'invalid');
    await assert.rejects(checkIn({ read: async () => { throw new Error('client hung up'); } }), /hung up/);
    assert.equal(admission.pending, 0);
    assert.equal(appended.length, 0);
  });
});
