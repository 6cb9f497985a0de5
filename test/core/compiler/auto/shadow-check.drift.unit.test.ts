import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import type { PuppetCatalog } from '../../../../core/catalog/puppet-catalog.types.js';
import { ShadowCheck } from '../../../../core/compiler/auto/shadow-check.js';
import { createBuiltinCompiler } from '../../../../core/compiler/builtin.compiler.js';
import { NO_EXPORTED_RESOURCES, type CompileRequest, type CompileResult } from '../../../../core/compiler/catalog-compiler.js';
import type { CompileDriftData } from '../../../../core/events/event.types.js';
import { tempEnvironments, writeSite } from '../../../support/puppet/puppet-env.fixture.js';

describe('shadow check (--verify-sample): builtin catalogs compiled again by Puppet, differences recorded', () => {
  const root = tempEnvironments('shadow');
  after(() => rmSync(root, { recursive: true, force: true }));
  const codeDir = writeSite(root, 'production', "node default { notify { 'a': message => 'one' } }\n");
  const builtin = createBuiltinCompiler({ codeDir });
  const request = (certname: string): CompileRequest => ({ certname, environment: 'production', facts: {}, exported: NO_EXPORTED_RESOURCES, catalogUuid: `uuid-${certname}` });
  const served = async (certname: string): Promise<PuppetCatalog> => {
    const r = await builtin.compile(request(certname));
    assert.ok(r.ok);
    return r.value;
  };

  /**
   * Stands in for the Puppet pool (a boundary these unit tests do not run;
   * test/ops/puppet/compiler-auto.e2e.test.ts checks against real Puppet):
   * the builtin's own catalog, changed by `change`.
   */
  const puppetMock = (change: (c: PuppetCatalog) => PuppetCatalog = (c) => c) =>
    async (req: CompileRequest): Promise<CompileResult> => {
      const r = await builtin.compile(req);
      return r.ok ? { ok: true, value: change(r.value) } : r;
    };

  const drifts: { certname: string; drift: CompileDriftData }[] = [];
  const onDrift = async (certname: string, drift: CompileDriftData): Promise<void> => { drifts.push({ certname, drift }); };
  const settled = async (check: ShadowCheck): Promise<void> => {
    while (check.stats().running > 0) await new Promise((r) => setTimeout(r, 5));
  };

  it('records nothing when Puppet agrees', async () => {
    drifts.length = 0;
    const check = new ShadowCheck({ fraction: 1, onDrift }, puppetMock());
    check.offer(request('same.example.com'), await served('same.example.com'));
    await settled(check);
    assert.deepEqual(drifts, []);
    assert.deepEqual(check.stats(), { fraction: 1, sampled: 1, dropped: 0, queued: 0, running: 0, identical: 1, drifted: 0, unchecked: 0 });
  });

  it('records a difference with a compact summary on the node', async () => {
    drifts.length = 0;
    const check = new ShadowCheck({ fraction: 1, onDrift, environmentDir: () => codeDir }, puppetMock((c) => ({
      ...c, resources: c.resources.map((r) => (r.type === 'Notify' ? { ...r, parameters: { message: 'two' } } : r)),
    })));
    const catalog = await served('drift.example.com');
    check.offer(request('drift.example.com'), catalog);
    await settled(check);
    assert.equal(drifts.length, 1);
    assert.equal(drifts[0]!.certname, 'drift.example.com');
    const { differences, ...rest } = drifts[0]!.drift;
    assert.deepEqual(rest, { environment: 'production', codeId: catalog.code_id, catalogUuid: 'uuid-drift.example.com', differenceCount: 1 });
    assert.equal(differences.length, 1);
    assert.match(differences[0]!, /^differs Notify\[a\]: expected \{"exported":false,"file":"manifests\/site\.pp",.*"parameters":\{"message":"two"\}/, 'paths relative to the environment');
    assert.ok(differences[0]!.length <= 301, 'each difference is cut to a few hundred characters');
    assert.equal(check.stats().drifted, 1);
  });

  it("records Puppet failing a node the built-in compiled; Puppet not running is only counted", async () => {
    drifts.length = 0;
    const failing = (code: string) => async (): Promise<CompileResult> => ({ ok: false, error: { code, message: `${code} here` } });
    const rejects = new ShadowCheck({ fraction: 1, onDrift }, failing('compile_failed'));
    rejects.offer(request('rejected.example.com'), await served('rejected.example.com'));
    await settled(rejects);
    assert.deepEqual(drifts.map((d) => d.drift.referenceError), [{ code: 'compile_failed', message: 'compile_failed here' }]);
    const down = new ShadowCheck({ fraction: 1, onDrift }, failing('compiler_unavailable'));
    down.offer(request('down.example.com'), await served('down.example.com'));
    await settled(down);
    assert.equal(drifts.length, 1);
    assert.equal(down.stats().unchecked, 1);
  });

  it('samples the given fraction, and drops samples past the queue bound (counted)', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => { release = r; });
    const slow = async (req: CompileRequest): Promise<CompileResult> => { await gate; return puppetMock()(req); };
    const rolls = [0.5, 0.05, 0.01, 0.02, 0.03, 0.04];
    const check = new ShadowCheck({ fraction: 0.1, maxQueued: 2, onDrift, random: () => rolls.shift()! }, slow);
    const catalog = await served('many.example.com');
    for (let i = 0; i < 6; i++) check.offer(request('many.example.com'), catalog);
    // 0.5 is not sampled; the first sample runs, two wait, two are dropped.
    assert.deepEqual([check.stats().sampled, check.stats().running, check.stats().queued, check.stats().dropped], [5, 1, 2, 2]);
    release();
    await settled(check);
    assert.deepEqual([check.stats().identical, check.stats().queued], [3, 0]);
  });

  it('is off at fraction 0', async () => {
    const check = new ShadowCheck({ fraction: 0, onDrift }, puppetMock());
    check.offer(request('off.example.com'), await served('off.example.com'));
    assert.equal(check.stats().sampled, 0);
  });
});
