import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { ShadowCheck } from '../../../../core/compiler/auto/shadow-check.js';
import { createBuiltinCompiler } from '../../../../core/compiler/builtin.compiler.js';
import { NO_EXPORTED_RESOURCES, type CompileResult } from '../../../../core/compiler/catalog-compiler.js';
import { tempEnvironments, writeSite } from '../../../support/puppet/puppet-env.fixture.js';

describe('shadow check bounds', () => {
  const root = tempEnvironments('shadow-prop');
  after(() => rmSync(root, { recursive: true, force: true }));
  const builtin = createBuiltinCompiler({ codeDir: writeSite(root, 'production', "notify { 'a': }\n") });
  const request = { certname: 'n.example.com', environment: 'production', facts: {}, exported: NO_EXPORTED_RESOURCES, catalogUuid: 'u' };

  it('never holds more than maxQueued samples, and accounts for every sample once', async () => {
    const first = await builtin.compile(request);
    assert.ok(first.ok);
    const outcome = fc.constantFrom('same', 'differs', 'rejects', 'down');
    await fc.assert(fc.asyncProperty(
      fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 4 }),
      fc.array(fc.record({ roll: fc.double({ min: 0, max: 0.9999, noNaN: true }), outcome, yieldFirst: fc.boolean() }), { maxLength: 30 }),
      async (fraction, maxQueued, offers) => {
        const kinds = offers.map((o) => o.outcome);
        // Stands in for the Puppet pool (*mock*): answers as each offer says, after a tick.
        const puppetMock = async (): Promise<CompileResult> => {
          await new Promise((r) => setImmediate(r));
          const kind = kinds.shift() ?? 'same';
          if (kind === 'rejects') return { ok: false, error: { code: 'compile_failed', message: 'no' } };
          if (kind === 'down') return { ok: false, error: { code: 'compiler_unavailable', message: 'no ruby' } };
          return { ok: true, value: kind === 'same' ? first.value : { ...first.value, resources: [] } };
        };
        const rolls = offers.map((o) => o.roll);
        let drifts = 0;
        const check = new ShadowCheck({ fraction, maxQueued, onDrift: async () => { drifts++; }, random: () => rolls.shift()! }, puppetMock);
        for (const o of offers) {
          check.offer(request, first.value);
          assert.ok(check.stats().queued <= maxQueued);
          if (o.yieldFirst) await new Promise((r) => setImmediate(r));
        }
        while (check.stats().running > 0) await new Promise((r) => setImmediate(r));
        const s = check.stats();
        assert.equal(s.sampled, offers.filter((o) => o.roll < fraction).length);
        assert.equal(s.sampled, s.dropped + s.identical + s.drifted + s.unchecked);
        assert.equal(s.drifted, drifts);
        assert.equal(s.queued, 0);
      },
    ), { numRuns: 100 });
  });
});
