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

const dir = mkdtempSync(join(tmpdir(), 'troupe-run-restart-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const QUIET = { warn: () => undefined, error: () => undefined };

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

const certnamesOf = (n: number): string[] => Array.from({ length: n }, (_x, i) => `n${String(i).padStart(2, '0')}.test`);

describe('RunDispatcher across a restart', () => {
  it('resumes a run the stop interrupted: every node ends with exactly one outcome, the run finishes once, answered nodes are not asked again', async () => {
    // nodes, batch, how many asks the first process makes before it stops, and which nodes report 'changed' (others 'unchanged').
    const scenario = fc.integer({ min: 1, max: 8 }).chain((nodes) => fc.record({
      nodes: fc.constant(nodes), batch: fc.integer({ min: 1, max: 3 }), asksBeforeStop: fc.integer({ min: 1, max: nodes }),
      changed: fc.array(fc.boolean(), { minLength: nodes, maxLength: nodes }),
    }));
    await fc.assert(fc.asyncProperty(scenario, async ({ nodes, batch, asksBeforeStop, changed }) => {
      const log = new SqliteEventLog({ path: join(dir, `${randomUUID()}.db`), synchronous: 'normal' });
      const certnames = certnamesOf(nodes);
      const status = (certname: string): string => (changed[certnames.indexOf(certname)] ? 'changed' : 'unchanged');
      const asked: string[][] = [[], []];
      // The first process's agents report only while it runs; the last ask before the stop stays unanswered.
      let stopping = false;
      const first = new RunDispatcher({
        log, logger: QUIET,
        ask: async (certname, runId) => {
          asked[0]!.push(certname);
          if (asked[0]!.length >= asksBeforeStop) { stopping = true; return; }
          if (!stopping) setTimeout(() => void log.append([{ event: report(certname, status(certname), runId) }]), 1);
        },
      });
      const second = new RunDispatcher({
        log, logger: QUIET,
        ask: async (certname, runId) => {
          asked[1]!.push(certname);
          setTimeout(() => void log.append([{ event: report(certname, status(certname), runId) }]), 1);
        },
      });
      try {
        await first.start();
        const { runId } = await first.request({ certnames, batch, timeoutMs: 60_000, select: null, requestedBy: 'op' });
        await eventually(() => stopping && (first.status(runId)!.results.length + first.status(runId)!.outstanding.length === asked[0]!.length), 5000, 'the first process up to its stop');
        await first.close();
        const answeredBefore = new Set(first.status(runId)!.results.map((r) => r.certname));

        await second.start();
        await eventually(() => second.status(runId)?.finished === true, 5000, 'the resumed run');
        assert.deepEqual(asked[1]!.filter((c) => answeredBefore.has(c)), [], 'a node with an outcome is not asked again');
        assert.deepEqual(new Set([...answeredBefore, ...asked[1]!]), new Set(certnames), 'every node was answered or asked again');
        const events = await log.readStream(RUNS_STREAM);
        const outcomes = events.filter((e): e is RecordedEvent<RunNodeFinished> => e.type === 'run_node_finished').map((e) => [e.data.certname, e.data.outcome] as const);
        assert.equal(outcomes.length, nodes, 'one outcome per node');
        assert.deepEqual(new Map(outcomes), new Map(certnames.map((c) => [c, status(c)] as const)));
        const ends = events.filter((e): e is RecordedEvent<RunFinished> => e.type === 'run_finished');
        assert.equal(ends.length, 1);
        assert.equal(ends[0]!.data.changed + ends[0]!.data.unchanged, nodes);
        const shown = second.status(runId)!;
        assert.equal(shown.changed + shown.unchanged, nodes);
        assert.equal(shown.requestedBy, 'op');
      } finally {
        await first.close();
        await second.close();
        await log.close();
      }
    }), { numRuns: 25 });
  });

  it('resumes nothing when every run finished, and asks nobody', async () => {
    const log = new SqliteEventLog({ path: join(dir, `${randomUUID()}.db`), synchronous: 'normal' });
    let asks = 0;
    const first = new RunDispatcher({ log, logger: QUIET, ask: async (c, runId) => { asks++; await log.append([{ event: report(c, 'unchanged', runId) }]); } });
    await first.start();
    const { runId } = await first.request({ certnames: certnamesOf(3), batch: 3, timeoutMs: 60_000, select: null, requestedBy: null });
    await eventually(() => first.status(runId)?.finished === true, 5000, 'the run');
    await first.close();
    const second = new RunDispatcher({ log, logger: QUIET, ask: async () => { asks++; } });
    await second.start();
    assert.equal(asks, 3);
    assert.deepEqual(second.list(), []);
    await second.close();
    await log.close();
  });
});
