import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SqliteEventLog } from '../../../../core/log/sqlite/event-log.sqlite.js';
import { spawnServe, type ServeProcess } from '../../../support/servers/serve-process.js';

const facts = (i: number) => JSON.stringify({
  certname: `node-${i}.example.com`, environment: 'production', producer_timestamp: new Date().toISOString(), producer: 'pm', values: { i },
});

async function loggedIds(dataDir: string): Promise<string[]> {
  const log = new SqliteEventLog({ path: join(dataDir, 'events.db') });
  try {
    return (await log.read(0, { limit: 1_000_000 })).map((e) => e.id);
  } finally {
    await log.close();
  }
}

describe('troupe serve under kill -9', () => {
  it('loses no acknowledged command and logs each exactly once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'troupe-crash-'));
    const started: ServeProcess[] = [];
    try {
      const serve = await spawnServe(['--data-dir', dataDir, '--compiler', 'static']);
      started.push(serve);
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

      // It starts again on the same data, and the log holds every acknowledged command once.
      const again = await spawnServe(['--data-dir', dataDir, '--compiler', 'static']);
      started.push(again);
      const status = await (await fetch(`${again.url}/status`)).json() as { head: number };
      again.child.kill('SIGTERM');
      assert.equal(await again.exited, 0);
      const ids = await loggedIds(dataDir);
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      const lost = acked.filter((id) => !counts.has(id));
      assert.equal(lost.length, 0, `${lost.length} of ${acked.length} acknowledged commands lost`);
      assert.deepEqual(acked.filter((id) => counts.get(id) !== 1), [], 'each acknowledged command is logged exactly once');
      assert.equal(status.head, ids.length, 'the restarted server reports the head of the log it serves');
    } finally {
      for (const s of started) s.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
