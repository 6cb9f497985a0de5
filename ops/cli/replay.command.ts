import { join, resolve } from 'node:path';
import { SqliteEventLog } from '../../core/log/event-log.sqlite.js';
import { replayStoreconfigs } from '../../projections/storeconfigs.replay.js';
import { loadConfig } from '../config/troupe.config.js';
import type { CliArgs } from './cli-args.js';
import { resolveUntil } from './events.command.js';
import { ProgressBar } from './progress-bar.js';

/**
 * `troupe replay [--out FILE] [--until POSITION|TIME] [--force]`: rebuilds
 * the storeconfigs database from the log into a new file (never the live
 * one), with a progress bar. Open the result with sqlite3 to see the
 * fleet's storeconfigs as of that point.
 */
export async function replayCommand(args: CliArgs): Promise<number> {
  const config = loadConfig(args.flags);
  const log = new SqliteEventLog({ path: join(config.dataDir, 'events.db') });
  try {
    const until = await resolveUntil(log, args.flags['until']);
    const head = await log.head();
    const target = Math.min(until, head);
    const out = resolve(args.flags['out'] ?? join(config.dataDir, `replay-${target}.db`));
    if (out === resolve(config.dataDir, 'storeconfigs.db')) {
      console.error('troupe replay: refusing to write over the live storeconfigs database; pick another --out');
      return 2;
    }
    const bar = new ProgressBar('replay', target);
    const result = await replayStoreconfigs(log, out, {
      untilPosition: target,
      overwrite: args.flags['force'] === 'true',
      onProgress: (p) => bar.update(p.position),
    });
    bar.finish();
    if (!result.ok) {
      console.error(`troupe replay: ${result.error.message}`);
      return 1;
    }
    const r = result.value;
    console.log(`replayed ${r.events} events up to #${r.position} into ${r.path} in ${(r.durationMs / 1000).toFixed(2)} s`);
    console.log(Object.entries(r.rows).map(([t, n]) => `  ${t}: ${n}`).join('\n'));
    return 0;
  } finally {
    await log.close();
  }
}
