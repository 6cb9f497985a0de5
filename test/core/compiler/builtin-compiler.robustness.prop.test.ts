import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createBuiltinCompiler } from '../../../core/compiler/builtin.compiler.js';
import { NO_EXPORTED_RESOURCES } from '../../../core/compiler/catalog-compiler.js';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXAMPLE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/examples/environment');

describe('builtin compiler', () => {
  // Invariant: whatever facts a node sends (missing, mistyped, odd shapes),
  // compile resolves to a catalog or a located Puppet-shaped error result;
  // it never rejects and never reports an internal compiler error.
  it('turns any facts into a catalog or a Puppet-shaped error result', async () => {
    const compiler = createBuiltinCompiler({ codeDir: EXAMPLE });
    const factValue = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }));
    const facts = fc.record({
      os: fc.oneof(factValue, fc.record({ family: fc.constantFrom('Debian', 'RedHat', 'Windows'), name: fc.string(), release: fc.record({ full: fc.string() }) })),
      networking: fc.oneof(factValue, fc.record({ ip: fc.string(), fqdn: fc.string() })),
      processors: fc.oneof(factValue, fc.record({ count: fc.oneof(fc.integer({ min: -2, max: 64 }), fc.string()) })),
      memory: factValue,
    }, { requiredKeys: [] });
    const certname = fc.constantFrom('web01.example.com', 'db02.example.com', 'monitor.example.com', 'x');
    await fc.assert(fc.asyncProperty(certname, facts, async (name, f) => {
      const r = await compiler.compile({ certname: name, environment: 'production', facts: f, exported: NO_EXPORTED_RESOURCES, catalogUuid: 'p' });
      if (r.ok) return;
      assert.equal(r.error.code, 'compile_failed');
      assert.doesNotMatch(r.error.message, /Internal compiler error/);
      assert.match(r.error.message, new RegExp(`on node ${name.replace(/\./g, '\\.')}$`));
    }), { numRuns: 150 });
  });
});
