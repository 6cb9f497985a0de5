import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { autoLaneRouting } from '../../../../actors/compile/auto-lane-routing.js';
import type { LaneRouting } from '../../../../actors/compile/background-lane.js';
import { CompilePool } from '../../../../actors/compile/compile-pool.js';
import { createCompileOutcome, type CompileOutcome } from '../../../../actors/compile/compile-step.js';
import { initialNodeState } from '../../../../actors/node/node.decider.js';
import { isAutoCompiler } from '../../../../core/compiler/auto/auto.compiler.js';
import { NO_EXPORTED_RESOURCES } from '../../../../core/compiler/catalog-compiler.js';
import { createCompiler } from '../../../../ops/app/compiler.factory.js';
import { BackgroundCompileThread } from '../../../../ops/app/compile/background-compile-thread.js';
import { loadConfig } from '../../../../ops/config/troupe.config.js';
import { openStoreconfigsDatabase } from '../../../../projections/storeconfigs/storeconfigs.database.js';
import { rubyModuleEnvironment } from '../../../support/puppet/puppet-module.fixture.js';
import { factsEvent } from '../../../support/events.fixture.js';

// Three environments of one code base (module mymod has the Ruby function mymod::double):
// plain Puppet (auto: the built-in); a visible call of the Ruby function (auto: Puppet);
// a call hidden in inline EPP (auto decides the built-in, whose compile then reports compile_unsupported).
const SITES = {
  pure: "node default { notify { 'answer': message => 'plain' } }\n",
  ruby: "node default { notify { 'answer': message => \"${mymod::double(2)}\" } }\n",
  hidden: "node default { notify { 'answer': message => inline_epp('<%= mymod::double(3) %>') } }\n",
} as const;
type Site = keyof typeof SITES;

const { root, codeDir } = rubyModuleEnvironment(SITES.pure);
for (const [name, text] of Object.entries(SITES)) {
  cpSync(codeDir, join(root, name), { recursive: true });
  writeFileSync(join(root, name, 'manifests/site.pp'), text);
}
const dataDir = join(root, '..', `${root.split('/').pop()}-data`);
mkdirSync(dataDir);
openStoreconfigsDatabase({ path: join(dataDir, 'storeconfigs.db') }).close();
const config = loadConfig({ compiler: 'auto', environmentsDir: root, dataDir, puppetProcesses: '1', workers: '1', verifySample: '1' }, {});

// What an actor worker builds: its own auto compiler, the niced thread with the built-in, auto's routing.
const auto = createCompiler(config, { recordDrift: async () => undefined });
assert.ok(isAutoCompiler(auto));
const routing = autoLaneRouting(auto, NO_EXPORTED_RESOURCES);
const laneTook: string[] = [];
const counted: LaneRouting = {
  ...routing,
  accepts: async (environment, dir) => {
    const choice = await routing.accepts(environment, dir);
    if (choice) laneTook.push(environment);
    return choice;
  },
};
const local = createCompileOutcome({ compiler: auto, pool: new CompilePool({ concurrency: 1 }), exported: NO_EXPORTED_RESOURCES });
const fallbacks: string[] = [];
const thread = new BackgroundCompileThread({ config, routing: counted, fallback: (input, id) => { fallbacks.push(id); return local(input, id); } });
after(async () => {
  await thread.close();
  await auto.close?.();
  rmSync(root, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

let n = 0;
const background = (environment: Site): Promise<CompileOutcome> => {
  const certname = 'web1.example.com';
  const id = `e${++n}`;
  return thread.outcome({
    state: { ...initialNodeState(certname), facts: factsEvent(certname).data },
    work: { kind: 'compile', requestIds: [`r${n}`], environment, priority: -1, position: n },
  }, id);
};
const answer = (o: CompileOutcome) => {
  assert.equal(o.event.type, 'catalog_compiled', JSON.stringify(o.event.data).slice(0, 500));
  const data = o.event.type === 'catalog_compiled' ? o.event.data : assert.fail();
  return { message: data.catalog.resources.find((r) => r.type === 'Notify')?.parameters?.['message'], compiler: data.compiler };
};

describe('BackgroundCompileThread with --compiler auto (real Puppet 7)', { timeout: 120_000 }, () => {
  it('compiles an environment auto gives the built-in on the thread, naming auto\'s choice, counted and sampled as auto\'s own', async () => {
    const o = await background('pure');
    assert.deepEqual(answer(o), { message: 'plain', compiler: 'builtin' });
    assert.ok(isAutoCompiler(auto));
    assert.match(auto.stats().environments['pure']!.reason, /^pure Puppet code/);
    assert.equal(o.event.type === 'catalog_compiled' && o.event.data.compilerReason, auto.stats().environments['pure']!.reason, "the reason auto's own compile records");
    assert.deepEqual([laneTook, fallbacks], [['pure'], []]);
    const stats = auto.stats();
    assert.deepEqual(stats.compiles.builtin, { compiled: 1, failed: 0 }, "counted as auto's builtin compile");
    assert.equal(stats.verify?.sampled, 1, '--verify-sample checks the lane\'s catalog on the worker');
  });

  it("leaves an environment auto gives Puppet to the worker: Puppet's catalog", async () => {
    assert.deepEqual(answer(await background('ruby')), { message: '4', compiler: 'puppet' });
    assert.deepEqual([laneTook, fallbacks], [['pure'], ['e2']]);
  });

  it("gives back what the built-in turns out not to implement: one outcome, Puppet's catalog, and the environment moves to Puppet", async () => {
    assert.deepEqual(answer(await background('hidden')), { message: '6', compiler: 'puppet' });
    assert.deepEqual([laneTook, fallbacks], [['pure', 'hidden'], ['e2', 'e3']]);
    assert.equal(isAutoCompiler(auto) && auto.stats().environments['hidden']?.backend, 'puppet');
    assert.deepEqual(answer(await background('hidden')), { message: '6', compiler: 'puppet' });
    assert.deepEqual([laneTook, fallbacks], [['pure', 'hidden'], ['e2', 'e3', 'e4']], 'decided for Puppet now: the lane is not asked');
    assert.ok(isAutoCompiler(auto));
    assert.deepEqual(auto.stats().compiles, { builtin: { compiled: 1, failed: 0 }, puppet: { compiled: 3, failed: 0 } });
  });
});
