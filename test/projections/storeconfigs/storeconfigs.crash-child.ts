// Child process for storeconfigs.crash.int.test.ts: projects LOG into DB and prints each checkpoint; the parent SIGKILLs it.
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { ProjectionRunner } from '../../../projections/projection.runner.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';

const [logPath, dbPath] = process.argv.slice(2);
if (!logPath || !dbPath) throw new Error('usage: crash-child LOG DB');
const log = new SqliteEventLog({ path: logPath });
const projection = StoreconfigsProjection.open({ path: dbPath });
new ProjectionRunner(log, projection, {
  batchSize: 3,
  onProgress: (p) => {
    process.stdout.write(`${p.position}\n`);
    // Slow enough that the kill lands mid-run, not after it, even on a loaded CI machine.
    const until = Date.now() + 500;
    while (Date.now() < until) { /* hold the batch's thread */ }
  },
});
