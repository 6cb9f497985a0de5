import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SqliteEventLog } from '../../../core/log/event-log.sqlite.js';
import { spawnServe } from '../../support/serve-process.js';

const facts = (i: number) => JSON.stringify({
  certname: `node-${i}.example.com`, environment: 'production', producer_timestamp: new Date().toISOString(), producer: 'pm', values: { i },
});

describe('troupe serve under kill -9', () => {
  it('loses no acknowledged command', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'troupe-crash-'));
    const serve = await spawnServe(['--data-dir', dataDir, '--compiler', 'static']);
    const acked: string[] = [];
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const i = next++;
        try {
          const res = await fetch(`${serve.url}/pdb/cmd/v1?command=replace_facts&version=5`, { method: 'POST', body: facts(i) });
          if (res.status === 200) acked.push(((await res.json()) as { uuid: string }).uuid);
        } catch { /* connection reset by the kill: not acknowledged */ }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    while (acked.length < 500) await new Promise((r) => setTimeout(r, 10));
    serve.child.kill('SIGKILL');
    killed = true;
    await serve.exited;
    await Promise.all(workers);

    const log = new SqliteEventLog({ path: join(dataDir, 'events.db') });
    const ids = new Set((await log.read(0, { limit: 1_000_000 })).map((e) => e.id));
    await log.close();
    const lost = acked.filter((id) => !ids.has(id));
    assert.equal(lost.length, 0, `${lost.length} of ${acked.length} acknowledged commands lost`);
    assert.ok(ids.size >= acked.length);

    // And it starts again on the same data.
    const again = await spawnServe(['--data-dir', dataDir, '--compiler', 'static']);
    const status = await (await fetch(`${again.url}/status`)).json() as { head: number };
    assert.equal(status.head, ids.size);
    again.child.kill('SIGTERM');
    assert.equal(await again.exited, 0);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
