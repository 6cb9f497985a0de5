import { join, resolve } from 'node:path';
import { replayStoreconfigs } from '../../../projections/storeconfigs/storeconfigs.replay.js';
import { openServedLog, storeLocation } from '../../app/store-location.js';
import { UsageError } from '../cli-args.js';
import { defineCommand } from '../cli-command.js';
import { configFrom, configOptions } from '../config-options.js';
import { parseUntil, resolveUntil, UNTIL_OPTION } from './events.command.js';
import { ProgressBar } from '../progress-bar.js';

/**
 * `troupe replay [--out FILE] [--until POSITION|TIME] [--force]`: rebuilds
 * the storeconfigs database from the log (SQLite's or PostgreSQL's) into a
 * new SQLite file (never the live one), with a progress bar. Open the result with sqlite3 to see the
 * fleet's storeconfigs as of that point.
 */
export const replayCommand = defineCommand({
  name: 'replay',
  summary: 'rebuild the storeconfigs database from the log into a new file',
  usage: '[--out FILE] [--until POS|TIME] [--force] [--data-dir DIR] [--store URL]',
  options: {
    out: { type: 'string', value: 'FILE', description: 'the database to write', defaultText: 'DIR/replay-<position>.db' },
    until: UNTIL_OPTION,
    force: { type: 'boolean', description: 'overwrite FILE if it exists' },
    ...configOptions(['dataDir', 'store']),
  },
}, async ({ values }) => {
  const untilArg = parseUntil(values.until);
  const config = configFrom(values);
  const live = resolve(config.dataDir, 'storeconfigs.db');
  if (values.out !== undefined && resolve(values.out) === live) {
    throw new UsageError('refusing to write over the live storeconfigs database; pick another --out');
  }
  const log = await openServedLog(storeLocation(config));
  try {
    const target = Math.min(await resolveUntil(log, untilArg), await log.head());
    const out = resolve(values.out ?? join(config.dataDir, `replay-${target}.db`));
    const bar = new ProgressBar('replay', target);
    const result = await replayStoreconfigs(log, out, {
      untilPosition: target,
      overwrite: values.force,
      onProgress: (p) => bar.update(p.position),
      ...('catalogBodies' in log ? { projection: { catalogBodies: log.catalogBodies() } } : { catalogBodiesFor: (batch) => log.catalogBodiesFor(batch) }),
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
});
