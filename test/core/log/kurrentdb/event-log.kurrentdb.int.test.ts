import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { KurrentEventLog } from '../../../../core/log/kurrentdb/event-log.kurrentdb.js';
import { eventLogContract } from '../event-log.contract.js';

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
