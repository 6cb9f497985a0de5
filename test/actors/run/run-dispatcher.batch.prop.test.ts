import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { RunDispatcher } from '../../../actors/run/run-dispatcher.js';
import { RUNS_STREAM, type RecordedEvent, type ReportSubmitted, type RunFinished, type RunNodeFinished } from '../../../core/events/event.types.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { eventually } from '../../support/eventually.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-run-prop-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const QUIET = { warn: () => undefined, error: () => undefined };

/** How a node's agent answers a run request: a report with this status after `delayMs`, never, or the broker refuses the ask. */
type Agent = { kind: 'report'; status: 'changed' | 'unchanged' | 'failed'; delayMs: number } | { kind: 'silent' } | { kind: 'unreachable' };
const agentArb: fc.Arbitrary<Agent> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('report' as const), status: fc.constantFrom('changed' as const, 'unchanged' as const, 'failed' as const), delayMs: fc.integer({ min: 0, max: 15 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'silent' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unreachable' as const }) },
);

function report(certname: string, status: string, jobId: string): ReportSubmitted {
  const at = new Date().toISOString();
  return {
    type: 'report_submitted', id: randomUUID(), stream: certname, time: at, meta: { source: 'test' },
    data: {
      environment: 'production', producerTimestamp: at, status, noop: false, configurationVersion: '1', transactionUuid: null, catalogUuid: null,
      startTime: at, endTime: at, puppetVersion: 'test', body: { job_id: jobId },
    },
  };
}

describe('RunDispatcher', () => {
  it('never has more than `batch` nodes outstanding, and gives every node exactly one outcome: its report, timed_out or failed', async () => {
    await fc.assert(fc.asyncProperty(fc.array(agentArb, { minLength: 0, maxLength: 12 }), fc.integer({ min: 1, max: 4 }), async (agents, batch) => {
      const log = new SqliteEventLog({ path: join(dir, `${randomUUID()}.db`), synchronous: 'normal' });
      const certnames = agents.map((_, i) => `n${String(i).padStart(2, '0')}.test`);
      // Nodes asked whose outcome is not yet recorded, seen at the dispatcher's own appends.
      const inFlight = new Set<string>();
      let most = 0;
      const watched = {
        subscribe: log.subscribe.bind(log), head: log.head.bind(log), readStream: log.readStream.bind(log), readStreamBackward: log.readStreamBackward.bind(log),
        append: (events: Parameters<typeof log.append>[0]) => {
          for (const { event } of events) if (event.type === 'run_node_finished') inFlight.delete(event.data.certname);
          return log.append(events);
        },
      };
      const dispatcher = new RunDispatcher({
        log: watched, logger: QUIET,
        ask: async (certname, runId) => {
          const a = agents[certnames.indexOf(certname)]!;
          if (a.kind === 'unreachable') throw new Error('broker refused');
          inFlight.add(certname);
          most = Math.max(most, inFlight.size);
          if (a.kind === 'report') setTimeout(() => void log.append([{ event: report(certname, a.status, runId) }]), a.delayMs);
        },
      });
      try {
        await dispatcher.start();
        // Reports come within 15 ms; the timeout leaves a loaded machine ample room to record them first.
        const { runId } = await dispatcher.request({ certnames, batch, timeoutMs: 400, select: null, requestedBy: null });
        await eventually(() => dispatcher.status(runId)?.finished === true, 5000, 'the run');
        assert.ok(most <= batch, `${most} outstanding with batch ${batch}`);
        const events = await log.readStream(RUNS_STREAM);
        const outcomes = events.filter((e): e is RecordedEvent<RunNodeFinished> => e.type === 'run_node_finished').map((e) => [e.data.certname, e.data.outcome]);
        const expected = agents.map((a, i): [string, string] => [certnames[i]!, a.kind === 'report' ? a.status : a.kind === 'silent' ? 'timed_out' : 'failed']);
        assert.deepEqual(new Map(outcomes as [string, string][]), new Map(expected));
        assert.equal(outcomes.length, agents.length, 'one outcome per node');
        const end = events.filter((e): e is RecordedEvent<RunFinished> => e.type === 'run_finished');
        assert.equal(end.length, 1);
        assert.equal(end[0]!.data.changed + end[0]!.data.unchanged + end[0]!.data.failed + end[0]!.data.timedOut, agents.length);
      } finally {
        await dispatcher.close();
        await log.close();
      }
    }), { numRuns: 25 });
  });

  it('refuses a run beyond maxOpenRuns (overloaded) and records nothing for it', async () => {
    const log = new SqliteEventLog({ path: join(dir, `${randomUUID()}.db`), synchronous: 'normal' });
    const dispatcher = new RunDispatcher({ log, logger: QUIET, ask: async () => undefined }, { maxOpenRuns: 1 });
    await dispatcher.start();
    await dispatcher.request({ certnames: ['a.test'], batch: 1, timeoutMs: 10_000, select: null, requestedBy: null });
    await assert.rejects(dispatcher.request({ certnames: ['b.test'], batch: 1, timeoutMs: 10_000, select: null, requestedBy: null }), { code: 'overloaded' });
    assert.equal((await log.readStream(RUNS_STREAM)).filter((e) => e.type === 'run_requested').length, 1);
    await dispatcher.close();
    await log.close();
  });
});
