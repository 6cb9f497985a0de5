import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../../../ops/config/package-root.js';
import { eventually } from '../eventually.js';
import { spawnServe, type ServeProcess } from '../servers/serve-process.js';

/** Debian's Python, where `apt-get install python3-pypuppetdb` puts the library (not a pyenv on PATH). */
const PYTHON = '/usr/bin/python3';
const run = promisify(execFile);

/** Fails (never skips) when pypuppetdb is missing: CI must install it. */
async function requirePypuppetdb(): Promise<void> {
  const missing = 'pypuppetdb is not installed: apt-get install -y python3-pypuppetdb (Debian\'s package, for /usr/bin/python3)';
  if (!existsSync(PYTHON)) assert.fail(missing);
  try {
    await run(PYTHON, ['-c', 'import pypuppetdb']);
  } catch {
    assert.fail(missing);
  }
}

/** A `troupe serve` for pypuppetdb to read, on a data directory of its own. */
export interface PypuppetdbServer {
  readonly serve: ServeProcess;
  /** POSTs PuppetDB commands to `/pdb/cmd/v1`, each answered 200. */
  command(command: string, version: number, body: unknown): Promise<void>;
  /** Waits until `path` (a query endpoint) answers `rows` rows. */
  projected(path: string, rows: number, what: string): Promise<void>;
  /** Runs `test/support/pypuppetdb/<script>` (host, port, node as arguments) and parses the JSON it prints. */
  python(script: string, node: string): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startPypuppetdbServer(): Promise<PypuppetdbServer> {
  await requirePypuppetdb();
  const dataDir = mkdtempSync(join(tmpdir(), 'troupe-pypdb-'));
  const serve = await spawnServe(['--data-dir', dataDir]);
  return {
    serve,
    async command(command, version, body) {
      const res = await fetch(`${serve.url}/pdb/cmd/v1?command=${command}&version=${version}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      assert.equal(res.status, 200, await res.text());
    },
    projected: (path, rows, what) => eventually(async () => {
      const r = await fetch(`${serve.url}${path}`);
      return r.ok && (await r.json() as unknown[]).length === rows;
    }, 15_000, what),
    async python(script, node) {
      const { hostname, port } = new URL(serve.url);
      const { stdout } = await run(PYTHON, [join(packageRoot(), 'test/support/pypuppetdb', script), hostname, port, node], { timeout: 50_000 });
      return JSON.parse(stdout) as Record<string, unknown>;
    },
    async stop() {
      serve.child.kill('SIGTERM');
      await serve.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
