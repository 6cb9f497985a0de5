import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isResourceFault } from '../../../../core/errors/resource-fault.js';
import { KurrentEventLog } from '../../../../core/log/kurrentdb/event-log.kurrentdb.js';

// The real client, no server: nothing listens on port 1. Runs everywhere;
// it checks how the client's errors are classified, not a server's behaviour.
it('with no KurrentDB server listening, refuses to open with a resource fault (real client, no server)', async () => {
  const e = await KurrentEventLog.open({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false' }).then(() => undefined, (x: unknown) => x);
  assert.equal((e as { code?: string })?.code, 'log_read_failed');
  assert.ok(isResourceFault(e), String(e));
});
