import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../../support/eventually.js';
import { parseExposition, sampleValue } from '../../../support/prometheus-text.js';
import { spawnServe, type ServeProcess } from '../../../support/servers/serve-process.js';
import { runTroupe } from '../../../support/servers/troupe-cli.js';
import { postJson } from '../../../support/servers/troupe-instance.js';

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);

interface LogLine { readonly level: string; readonly time: string; readonly msg: string; readonly [field: string]: unknown }

/** Every line serve wrote on stdout, each parsed as a JSON log entry (a line that is not fails the test). */
function logLines(out: string): LogLine[] {
  return out.split('\n').filter((l) => l !== '').map((line) => {
    const entry = JSON.parse(line) as LogLine;
    assert.ok(LEVELS.has(entry.level), `level in ${line}`);
    assert.ok(!Number.isNaN(Date.parse(entry.time)) && /^\d{4}-\d\d-\d\dT/.test(entry.time), `ISO time in ${line}`);
    assert.equal(typeof entry.msg, 'string', `msg in ${line}`);
    return entry;
  });
}

describe('troupe serve observability (a cluster with one worker, stdout piped)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'troupe-observability-'));
  const sslDir = join(dataDir, 'ssl');
  let serve: ServeProcess | undefined;
  before(async () => {
    serve = await spawnServe(['--data-dir', dataDir, '--compiler', 'static', '--workers', '1', '--metrics-certnames', 'prom.example.com']);
  });
  after(() => {
    serve?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes JSON log lines with level, time and msg, and one access line per request', async () => {
    const r = await postJson(`${serve!.url}/puppet/v4/catalog`, {
      certname: 'web01.example.com', environment: 'production', facts: { values: { networking: { fqdn: 'web01.example.com' } } },
    });
    assert.equal(r.status, 200);
    assert.equal((await fetch(`${serve!.url}/metrics`)).status, 200);
    await eventually(() => logLines(serve!.stdout()).some((l) => l.route === '/puppet/v4/catalog'), 10_000, 'the access line');
    const lines = logLines(serve!.stdout());
    assert.ok(lines.some((l) => l.level === 'info' && /serving on https:/.test(l.msg)));
    const access = lines.find((l) => l.route === '/puppet/v4/catalog')!;
    assert.equal(access.level, 'info');
    assert.equal(access.method, 'POST');
    assert.equal(access.status, 200);
    assert.equal(typeof access.ms, 'number');
    assert.ok(!lines.some((l) => l.route === '/metrics'), 'scrapes are logged at debug only');
  });

  it('serves /metrics whose compile and request counters moved, with outcomes measured in the worker', async () => {
    const m = parseExposition(await (await fetch(`${serve!.url}/metrics`)).text());
    assert.ok((sampleValue(m, 'troupe_compile_outcomes_total', { backend: 'static', outcome: 'compiled' }) ?? 0) >= 1);
    assert.ok((sampleValue(m, 'troupe_compile_duration_seconds_count', { backend: 'static', outcome: 'compiled' }) ?? 0) >= 1);
    assert.equal(sampleValue(m, 'troupe_http_requests_total', { method: 'POST', route: '/puppet/v4/catalog', status: '200' }), 1);
    assert.ok((sampleValue(m, 'troupe_tls_connections_total', { outcome: 'served' }) ?? -1) >= 0);
  });

  it('on the HTTPS door, lets admins and --metrics-certnames scrape, and refuses other certificates', async () => {
    for (const name of ['prom.example.com', 'web02.example.com']) {
      const made = await runTroupe(['ca', 'generate', name, '--ssl-dir', sslDir]);
      assert.equal(made.status, 0, made.stderr);
    }
    const get = (certname?: string) => new Promise<number>((resolve, reject) => {
      const url = new URL('/metrics', serve!.httpsUrl);
      const tls = certname === undefined ? {} : {
        key: readFileSync(join(sslDir, 'private_keys', `${certname}.pem`)), cert: readFileSync(join(sslDir, 'certs', `${certname}.pem`)),
      };
      const req = request(url, { ...tls, ca: readFileSync(join(sslDir, 'ca', 'ca_crt.pem')), servername: 'localhost', checkServerIdentity: () => undefined }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(await get('prom.example.com'), 200);
    assert.equal(await get(hostname().toLowerCase()), 200, "the server's own certificate is an admin's");
    assert.equal(await get('web02.example.com'), 403);
    assert.equal(await get(), 403);
    await eventually(() => logLines(serve!.stdout()).some((l) => l.route === '/metrics' && l.status === 403 && l.certname === 'web02.example.com'),
      10_000, "the 403's access line with the client's certname");
  });
});

describe('troupe serve whose log reader goes away', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'troupe-observability-epipe-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps serving, silently, and stops cleanly', async () => {
    const serve = await spawnServe(['--data-dir', dataDir, '--compiler', 'static', '--workers', '0']);
    try {
      serve.child.stdout!.destroy();
      for (let i = 0; i < 20; i++) assert.equal((await fetch(`${serve.url}/status`)).status, 200);
      assert.equal(serve.child.exitCode, null);
      serve.child.kill('SIGTERM');
      assert.equal(await serve.exited, 0);
    } finally {
      serve.child.kill('SIGKILL');
    }
  });
});
