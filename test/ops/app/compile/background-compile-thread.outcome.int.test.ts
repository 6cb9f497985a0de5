import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CompilePool } from '../../../../actors/compile/compile-pool.js';
import { createCompileOutcome, type CompileOutcome } from '../../../../actors/compile/compile-step.js';
import { initialNodeState } from '../../../../actors/node/node.decider.js';
import { createBuiltinCompiler } from '../../../../core/compiler/builtin.compiler.js';
import { NO_EXPORTED_RESOURCES } from '../../../../core/compiler/catalog-compiler.js';
import { BackgroundCompileThread, type BackgroundCompileThreadOptions } from '../../../../ops/app/compile/background-compile-thread.js';
import { toWire } from '../../../../ops/cluster/wire-event.js';
import { loadConfig } from '../../../../ops/config/troupe.config.js';
import { fleetNode } from '../../../../ops/fleet/fleet-node.js';
import { packageRoot } from '../../../../ops/config/package-root.js';
import { openStoreconfigsDatabase } from '../../../../projections/storeconfigs/storeconfigs.database.js';
import { factsEvent } from '../../../support/events.fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-background-compile-'));
const codeDir = join(dir, 'code');
cpSync(join(packageRoot(), 'docs/examples/environment'), codeDir, { recursive: true });
mkdirSync(join(dir, 'data'));
openStoreconfigsDatabase({ path: join(dir, 'data', 'storeconfigs.db') }).close();
const config = loadConfig({ compiler: 'builtin', codeDir, dataDir: join(dir, 'data') }, {});

/** The same compile in this thread: what the worker's own pool would answer. */
const local = createCompileOutcome({ compiler: createBuiltinCompiler({ codeDir }), pool: new CompilePool({ concurrency: 1 }), exported: NO_EXPORTED_RESOURCES });
const fallbacks: string[] = [];
const threads: BackgroundCompileThread[] = [];
const lane = (o: Partial<BackgroundCompileThreadOptions> = {}): BackgroundCompileThread => {
  const t = new BackgroundCompileThread({ config, fallback: (input, id) => { fallbacks.push(id); return local(input, id); }, ...o });
  threads.push(t);
  return t;
};
after(async () => {
  for (const t of threads) await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const input = (certname: string, priority = -1) => ({
  state: { ...initialNodeState(certname), facts: factsEvent(certname, fleetNode(0).facts).data },
  work: { kind: 'compile' as const, requestIds: [`r-${certname}`], environment: 'production', priority, position: 1 },
});
const catalogOf = (o: CompileOutcome) => (o.event.type === 'catalog_compiled' ? o.event.data.catalog : assert.fail(`${o.event.type}: ${JSON.stringify(o.event.data)}`));

describe('BackgroundCompileThread', () => {
  it('compiles on a thread of its own at nice 19: the catalog the process would compile, the event under the given id, the catalog as text', async () => {
    const t = lane();
    const [threaded, here] = await Promise.all([t.outcome(input('web01.example.com'), 'e1'), local(input('web01.example.com'), 'e2')]);
    assert.equal(threaded.event.id, 'e1');
    assert.equal(threaded.hash, here.hash);
    assert.deepEqual({ ...catalogOf(threaded), catalog_uuid: '', version: 0 }, { ...catalogOf(here), catalog_uuid: '', version: 0 }); // the version is the compile's time in seconds
    assert.deepEqual(JSON.parse(toWire(threaded.event).catalogJson!), catalogOf(threaded), 'it crossed as text, passed on as is');
    if (process.platform === 'linux') assert.equal(t.niceValue, 19);
    assert.deepEqual(fallbacks, []);
  });

  it('runs collectors against storeconfigs from the thread, and records their queries', async () => {
    const o = await lane().outcome(input('monitor.example.com'), 'e3');
    assert.equal(o.event.type, 'catalog_compiled');
    assert.ok(o.event.type === 'catalog_compiled' && (o.event.data.collectors?.length ?? 0) > 0, 'the monitoring role collects exported resources');
  });

  it('drops its cached code when told to: the next compile sees the deployed change', async () => {
    const t = lane();
    const before = await t.outcome(input('db01.example.com'), 'e4');
    appendFileSync(join(codeDir, 'manifests/site.pp'), "notify { 'background lane test': message => 'v2' }\n");
    t.invalidate('production');
    const afterDeploy = await t.outcome(input('db01.example.com'), 'e5');
    assert.notEqual(afterDeploy.hash, before.hash);
    assert.ok(catalogOf(afterDeploy).resources.some((r) => r.title === 'background lane test'));
  });

  it('loses nothing when the thread cannot run: compiles fall back to the process, and it is not restarted at once', async () => {
    const broken = loadConfig({ compiler: 'builtin', codeDir, dataDir: join(dir, 'no-such-data') }, {});
    const t = lane({ config: broken, restartDelayMs: 60_000 });
    t.prestart(); // fails quietly: the compiles below fall back
    const outcomes = await Promise.all(['web01.example.com', 'web02.example.com', 'db01.example.com'].map((c, i) => t.outcome(input(c), `f${i}`)));
    assert.deepEqual(outcomes.map((o) => [o.event.id, o.event.type]), [['f0', 'catalog_compiled'], ['f1', 'catalog_compiled'], ['f2', 'catalog_compiled']]);
    assert.deepEqual([...fallbacks].sort(), ['f0', 'f1', 'f2']);
    assert.deepEqual(t.load, { active: 0, queued: 0 });
  });
});
