import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { isResourceFault } from '../../../core/errors/resource-fault.js';
import { KurrentEventLog } from '../../../core/log/event-log.kurrentdb.js';
import { eventLogContract } from './event-log.contract.js';

// A real KurrentDB server (25.1 or later: the log uses multiStreamAppend),
// e.g. KURRENTDB_URL='kurrentdb://127.0.0.1:2113?tls=false'. None can be
// installed on the development machine: there the suite is skipped, and the
// backend counts as untested against a server.
const url = process.env.KURRENTDB_URL;
const skip = url ? false : 'KurrentDB not tested: set KURRENTDB_URL';

// A skipped suite registers no tests, so the runner's totals would not show
// it: this one test makes the skip count there (and says why).
if (skip) it('KurrentDB event log against a real server', { skip }, () => {});

eventLogContract({
  name: 'KurrentDB',
  skip,
  // Each store is its own set of streams on the one server.
  newStore: async () => {
    const streamPrefix = `troupe-test-${randomUUID().slice(0, 8)}-`;
    return { open: ({ sharedWriters: _, ...options } = {}) => KurrentEventLog.open({ connectionString: url!, streamPrefix, ...options }) };
  },
});

// The real client, no server: nothing listens on port 1. Runs everywhere;
// it checks how the client's errors are classified, not a server's behaviour.
it('with no KurrentDB server listening, refuses to open with a resource fault (real client, no server)', async () => {
  const e = await KurrentEventLog.open({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false' }).then(() => undefined, (x: unknown) => x);
  assert.equal((e as { code?: string })?.code, 'log_read_failed');
  assert.ok(isResourceFault(e), String(e));
});
