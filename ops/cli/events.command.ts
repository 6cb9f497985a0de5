import { join } from 'node:path';
import { SqliteEventLog } from '../../core/log/event-log.sqlite.js';
import { loadConfig } from '../config/troupe.config.js';
import type { CliArgs } from './cli-args.js';
import { describeEvent, summarise } from './timeline.js';

/**
 * `troupe events --node NAME [--until POSITION|TIME] [--json]`: one node's
 * timeline from the log, and its state as of the end of it.
 */
export async function eventsCommand(args: CliArgs): Promise<number> {
  const node = args.flags['node'];
  if (!node) {
    console.error('usage: troupe events --node NAME [--until POSITION|TIME] [--json] [--data-dir DIR]');
    return 2;
  }
  const config = loadConfig(args.flags);
  const log = new SqliteEventLog({ path: join(config.dataDir, 'events.db') });
  try {
    const until = await resolveUntil(log, args.flags['until']);
    const events = await log.readStream(node, 0, { limit: 1_000_000, untilPosition: until });
    if (args.flags['json']) {
      console.log(JSON.stringify({ node, until, state: summarise(events), events }, null, 2));
      return 0;
    }
    if (events.length === 0) console.log(`no events for ${node}${until < Number.MAX_SAFE_INTEGER ? ` up to #${until}` : ''}`);
    const requestTimes = new Map<string, number>();
    for (const e of events) console.log(describeEvent(e, requestTimes));
    console.log(`\nstate${until < Number.MAX_SAFE_INTEGER ? ` as of #${until}` : ''}: ${JSON.stringify(summarise(events))}`);
    return 0;
  } finally {
    await log.close();
  }
}

/** A position, or the last position at or before a time. */
export async function resolveUntil(log: SqliteEventLog, until: string | undefined): Promise<number> {
  if (until === undefined) return Number.MAX_SAFE_INTEGER;
  if (/^\d+$/.test(until)) return Number(until);
  const t = Date.parse(until);
  if (Number.isNaN(t)) throw new Error(`--until: expected a position or a time, got ${until}`);
  return log.positionAt(new Date(t).toISOString());
}
