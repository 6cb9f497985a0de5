import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { NO_EXPORTED_RESOURCES } from '../../../core/compiler/catalog-compiler.js';
import { createPuppetCompiler } from '../../../ops/puppet/puppet.compiler.js';
import { eventually } from '../../support/eventually.js';
import { rubyModuleEnvironment } from '../../support/puppet/puppet-module.fixture.js';

const DEADLINE_MS = 3000;
const SITE = `node 'hang.example.com' { notify { 'x': message => mymod::nap(3600) } }
node 'slow.example.com' { notify { 'x': message => mymod::nap(30) } }
node default { notify { 'ok': message => mymod::double(1) } }
`;

describe('puppet compiler: a spent Ruby process is replaced and only its compile fails', () => {
  const { root, codeDir } = rubyModuleEnvironment(SITE);
  const compiler = createPuppetCompiler({ codeDir, processes: 1, maxCompilesPerProcess: 3, maxRssMb: 1024, timeoutMs: DEADLINE_MS, onLog: () => undefined });
  after(async () => { await compiler.close!(); rmSync(root, { recursive: true, force: true }); });
  const compile = (certname: string) => compiler.compile({ certname, environment: 'production', facts: {}, exported: NO_EXPORTED_RESOURCES, catalogUuid: 'u' });

  it('kills a compile hung in a Ruby function at the deadline; the next compile works', async () => {
    assert.equal((await compile('warm.example.com')).ok, true);
    const started = performance.now();
    const r = await compile('hang.example.com');
    const ms = performance.now() - started;
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'compile_timeout');
    assert.match(r.error.message, new RegExp(`Exceeded the compile deadline of ${DEADLINE_MS} ms \\(compileTimeoutMs\\) on node hang\\.example\\.com`));
    assert.ok(ms >= DEADLINE_MS && ms < DEADLINE_MS + 1000, `answered after ${ms.toFixed(0)} ms`);
    assert.equal((await compile('next.example.com')).ok, true);
    assert.equal(compiler.stats().restarts, 1);
  });

  it('sends a compile waiting behind a hung one to a new process: only the hung compile fails', async () => {
    const before = compiler.stats().restarts;
    const started = performance.now();
    // One process takes two compiles at once (one sent ahead): `next` waits in the pipe behind `hang`.
    const [hang, next] = await Promise.all([compile('hang.example.com'), compile('next.example.com')]);
    assert.ok(!hang.ok);
    assert.equal(hang.error.code, 'compile_timeout');
    assert.equal(next.ok, true, JSON.stringify(next));
    assert.ok(performance.now() - started >= DEADLINE_MS, 'next ran after the hung compile was killed');
    assert.equal(compiler.stats().restarts, before + 1);
  });

  it('answers a compile whose process is SIGKILLed with compiler_crashed; the replacement serves the next', async () => {
    const before = compiler.stats().restarts;
    const slow = compile('slow.example.com');
    await eventually(() => compiler.stats().busy === 1, 20_000, 'the slow compile');
    const pid = compiler.stats().processes.find((p) => p.busy)!.pid!;
    await new Promise((r) => setTimeout(r, 300)); // inside the Ruby function by now
    process.kill(pid, 'SIGKILL');
    const r = await slow;
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'compiler_crashed');
    assert.match(r.error.message, new RegExp(`Puppet compile process ${pid} was killed by SIGKILL during the compile on node slow\\.example\\.com`));
    const next = await compile('next.example.com');
    assert.equal(next.ok, true, JSON.stringify(next));
    assert.equal(compiler.stats().restarts, before + 1);
    assert.notEqual(compiler.stats().processes[0]?.pid, pid);
  });

  it('recycles a process after maxCompilesPerProcess compiles', async () => {
    const before = compiler.stats().recycled;
    for (let i = 0; i < 3; i++) assert.equal((await compile(`n${i}.example.com`)).ok, true);
    assert.equal(compiler.stats().recycled, before + 1);
    assert.equal(compiler.stats().running, 1, 'replaced at once');
  });
});
