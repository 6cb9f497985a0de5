import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CompilePool } from '../../../actors/compile/compile-pool.js';
import { createCompileStep } from '../../../actors/compile/compile-step.js';
import { initialNodeState } from '../../../actors/node/node.decider.js';
import { NO_EXPORTED_RESOURCES } from '../../../core/compiler/catalog-compiler.js';
import { StaticCompiler } from '../../../core/compiler/static.compiler.js';
import { TroupeError } from '../../../core/errors/troupe-error.js';
import type { TroupeEvent } from '../../../core/events/event.types.js';
import type { AppendRequest } from '../../../core/log/event-log.js';
import { packageRoot } from '../../../ops/config/package-root.js';
import { factsEvent } from '../../support/events.fixture.js';

/** A mock of the log port (the real full disk is tested end to end in troupe-app.disk-full): its first `failures` commits fail as a full disk makes them fail, then heal. */
function mockLogThatHeals(failures: number, code: 'log_write_failed' | 'log_closed' = 'log_write_failed') {
  const appended: TroupeEvent[] = [];
  let attempts = 0;
  return {
    appended,
    get attempts() { return attempts; },
    async append(requests: readonly AppendRequest[]) {
      if (attempts++ < failures) throw new TroupeError(code, 'event log commit failed: database or disk is full (SQLITE_FULL)');
      appended.push(...requests.map((r) => r.event));
      return requests.map((_r, i) => ({ status: 'appended' as const, position: i + 1, version: 1 }));
    },
  };
}

function step(log: ReturnType<typeof mockLogThatHeals>) {
  const compiler = new StaticCompiler({ dir: join(packageRoot(), 'docs/examples/static') });
  return createCompileStep({ log, compiler, pool: new CompilePool({ concurrency: 1 }), exported: NO_EXPORTED_RESOURCES });
}

const input = () => ({
  state: { ...initialNodeState('web01.example.com'), facts: factsEvent('web01.example.com').data },
  work: { kind: 'compile' as const, requestIds: ['r1'], environment: 'production', priority: 0, position: 1 },
});

describe('compile step outcome', () => {
  it('waits for a log that cannot commit for now, and records the outcome once it can', async () => {
    const log = mockLogThatHeals(3);
    await step(log)(input());
    assert.equal(log.attempts, 4);
    assert.equal(log.appended.length, 1);
    assert.deepEqual(log.appended[0]!.type === 'catalog_compiled' && log.appended[0]!.data.requestIds, ['r1']);
  });

  it('gives up at once when the log is closed', async () => {
    const log = mockLogThatHeals(1, 'log_closed');
    await assert.rejects(step(log)(input()), /SQLITE_FULL/);
    assert.equal(log.attempts, 1);
  });
});
