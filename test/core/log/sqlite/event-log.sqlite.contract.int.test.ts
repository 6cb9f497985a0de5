import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventLog } from '../../../../core/log/sqlite/event-log.sqlite.js';
import { eventLogContract } from '../event-log.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-log-contract-'));
let files = 0;

eventLogContract({
  name: 'SQLite',
  skip: false,
  newStore: async () => {
    const path = join(dir, `log-${files++}.db`);
    return {
      open: async ({ sharedWriters, ...options } = {}) =>
        new SqliteEventLog({ path, synchronous: 'normal', ...(sharedWriters ? { tailCacheBytes: 0 } : {}), ...options }),
    };
  },
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});
