import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { hostileRequest } from '../../../ops/bench/robustness/hostile-requests.js';
import { rawRequest } from '../../../ops/bench/robustness/raw-http.js';
import { spawnServe, type ServeProcess } from '../../support/servers/serve-process.js';

/** The body of a raw response, after its header block. */
const bodyOf = (text: string): string => text.slice(text.indexOf('\r\n\r\n') + 4);

describe('troupe serve against generated hostile requests', () => {
  let serve: ServeProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'troupe-robust-'));
  before(async () => { serve = await spawnServe(['--data-dir', dataDir, '--compiler', 'static', '--workers', '1']); });
  after(() => {
    serve?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers each with a success or a 4xx/5xx that says why, keeps answering /status, and loses nothing it acknowledged', async () => {
    const url = serve!.url;
    const acked: string[] = [];
    await fc.assert(fc.asyncProperty(hostileRequest, async (h) => {
      const r = await rawRequest(url, h.bytes, 20_000);
      assert.ok(r.status >= 200 && r.status < 600, `${h.kind}: no answer (${r.text.slice(0, 200)})`);
      const body = bodyOf(r.text);
      const isHead = h.bytes.subarray(0, 5).toString() === 'HEAD ';
      if (r.status >= 400 && !isHead) assert.match(body, /"(error|message)":"[^"]+/, `${h.kind}: ${r.status} without a reason`);
      if (r.status < 300 && !isHead) acked.push(...h.ackedIds(r.status, body));
      const status = await fetch(`${url}/status`, { signal: AbortSignal.timeout(5000) });
      assert.equal(status.status, 200, `${h.kind}: /status stopped answering`);
    }), { numRuns: 120 });
    assert.equal(serve!.child.exitCode, null, 'the server is still running');
    const status = await (await fetch(`${url}/status`)).json() as { unexpectedErrors: number };
    assert.equal(status.unexpectedErrors, 0, 'every failure was answered by its request path, none reached the safety net');

    const log = new SqliteEventLog({ path: join(dataDir, 'events.db') });
    try {
      const logged = new Set((await log.read(0, { limit: 1_000_000 })).map((e) => e.id));
      assert.deepEqual(acked.filter((id) => !logged.has(id)), [], 'every acknowledged command is in the log');
    } finally {
      await log.close();
    }
  });
});
