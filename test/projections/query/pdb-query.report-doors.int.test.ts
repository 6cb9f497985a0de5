import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, describe, it } from 'node:test';
import type { TroupeEvent } from '../../../core/events/event.types.js';
import { decodePdbCommand } from '../../../core/wire/pdb-command.decoder.js';
import { decodePuppetReport } from '../../../core/wire/puppet-report.decoder.js';
import { packageRoot } from '../../../ops/config/package-root.js';
import { loadedEngine } from './query.fixture.js';

const run = promisify(execFile);
const SAMPLE = join(packageRoot(), 'test/support/puppet/puppet-report.format12.json');
const RECEIVED = '2026-11-29T16:00:00.000Z';
const scratch = mkdtempSync(join(tmpdir(), 'troupe-terminus-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The same agent report through both doors: the agent's PUT and the PuppetDB terminus's store_report (converted by the real terminus). */
async function bothDoors(): Promise<{ v3: TroupeEvent; command: TroupeEvent }> {
  const script = join(packageRoot(), 'test/support/puppet/puppetdb-terminus-report.rb');
  const { stdout } = await run('ruby', [script, SAMPLE, scratch, RECEIVED], { timeout: 120_000 });
  const meta = { source: 'test' as const };
  const command = decodePdbCommand({ command: 'store_report', version: 8, certname: null, body: JSON.parse(stdout) }, { id: 'via-terminus', now: RECEIVED, meta });
  const v3 = decodePuppetReport({ certname: 'agent1.example.com', body: JSON.parse(readFileSync(SAMPLE, 'utf8')) }, { id: 'via-v3', now: RECEIVED, meta });
  if (!command.ok) throw command.error;
  if (!v3.ok) throw v3.error;
  return { v3: v3.value, command: command.value };
}

/** The answer without the door-specific fields (hash, producer, and the hrefs naming the hash). */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !['hash', 'report', 'producer', 'href'].includes(k)).map(([k, v]) => [k, comparable(v)]));
  }
  return value;
}

describe('a report through the agent\'s door and through the PuppetDB terminus', () => {
  it('gives the same report and events (only the producer differs)', { timeout: 150_000 }, async () => {
    const { v3, command } = await bothDoors();
    const viaV3 = loadedEngine([v3]);
    const viaTerminus = loadedEngine([command]);
    try {
      for (const entity of ['reports', 'events']) {
        const a = (await viaV3.engine.query(['from', entity], {})).rows;
        const b = (await viaTerminus.engine.query(['from', entity], {})).rows;
        assert.ok(a.length > 0, entity);
        assert.deepEqual(comparable(a), comparable(b), entity);
      }
      const [terminusReport] = (await viaTerminus.engine.query(['from', 'reports'], {})).rows as { producer: string | null }[];
      assert.equal(typeof terminusReport!.producer, 'string', 'the terminus names its puppetserver; the agent door has none');
    } finally {
      await viaV3.projection.close();
      await viaTerminus.projection.close();
    }
  });
});
