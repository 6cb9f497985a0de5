import { openServedLog, storeLocation, type ServedLog } from '../../app/store-location.js';
import { UsageError } from '../cli-args.js';
import { defineCommand } from '../cli-command.js';
import { configFrom, configOptions } from '../config-options.js';
import { describeEvent, summarise } from './timeline.js';

/** `--until`, shared with replay: a log position, or a time. */
export const UNTIL_OPTION = {
  type: 'string', value: 'POS|TIME', description: 'stop at this log position, or at the last event at or before this time',
} as const;

/** `--until` read before the log is opened, so that a bad value touches nothing. */
export function parseUntil(text: string | undefined): number | Date | undefined {
  if (text === undefined || /^\d+$/.test(text)) return text === undefined ? undefined : Number(text);
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new UsageError(`--until: expected a log position or a time, got '${text}'`);
  return new Date(t);
}

/** The log position `--until` stands for (the end of the log when absent). */
export async function resolveUntil(log: ServedLog, until: number | Date | undefined): Promise<number> {
  if (until === undefined) return Number.MAX_SAFE_INTEGER;
  return typeof until === 'number' ? until : log.positionAt(until.toISOString());
}

/**
 * `troupe events --node NAME [--until POSITION|TIME] [--json]`: one node's
 * timeline from the log, and its state as of the end of it.
 */
export const eventsCommand = defineCommand({
  name: 'events',
  summary: "print one node's timeline from the event log",
  usage: '--node NAME [--until POS|TIME] [--json] [--data-dir DIR] [--store URL]',
  options: {
    node: { type: 'string', value: 'NAME', description: 'the node (required)' },
    until: UNTIL_OPTION,
    json: { type: 'boolean', description: 'print the events and the state as JSON' },
    ...configOptions(['dataDir', 'store']),
  },
}, async ({ values }) => {
  const node = values.node;
  if (!node) throw new UsageError('--node is required');
  const untilArg = parseUntil(values.until);
  const config = configFrom(values);
  const log = await openServedLog(storeLocation(config));
  try {
    const until = await resolveUntil(log, untilArg);
    const events = await log.readStream(node, 0, { limit: 1_000_000, untilPosition: until });
    if (values.json) {
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
});
