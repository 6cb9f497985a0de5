import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { EnvironmentAnalysis } from '../../../../core/compiler/auto/environment-analysis.js';
import { scanEnvironment } from '../../../../core/compiler/puppet/loader/environment-code.js';
import { tempEnvironments, writeSite } from '../../../support/puppet/puppet-env.fixture.js';
import { writeModule } from '../../../support/puppet/puppet-module.fixture.js';

describe('environment analysis', () => {
  const root = tempEnvironments('analysis-prop');
  after(() => rmSync(root, { recursive: true, force: true }));

  it('decides the same, with the same reason, whatever order the files are listed in', () => {
    fc.assert(fc.property(
      fc.subarray(['f1', 'f2', 'f3', 'f4']), fc.subarray(['t1', 't2']), fc.boolean(), fc.boolean(), fc.integer(), fc.integer(),
      (fns, types, broken, eyaml, seedA, seedB) => {
        const dir = writeSite(tempEnvironments('order'), 'production',
          `${fns.map((f) => `$${f} = m::${f}()\n`).join('')}${types.map((t) => `${t} { 'x': }\n`).join('')}${broken ? 'notify { x: message => }\n' : ''}`);
        writeModule(dir, 'm', {
          'manifests/init.pp': 'class m { }\n',
          ...Object.fromEntries(['f1', 'f2', 'f3', 'f4'].map((f) => [`lib/puppet/functions/m/${f}.rb`, 'x'])),
          ...Object.fromEntries(['t1', 't2'].map((t) => [`lib/puppet/type/${t}.rb`, 'x'])),
          ...(eyaml ? { 'hiera.yaml': 'version: 5\nhierarchy:\n  - name: s\n    lookup_key: eyaml_lookup_key\n' } : {}),
        });
        const files = [...scanEnvironment(dir).files];
        const shuffled = (seed: number): Set<string> => new Set(files.map((f, i) => [((i + 1) * (seed | 1)) % 9973, f] as const).sort((a, b) => a[0] - b[0]).map(([, f]) => f));
        const decideIn = (order: Set<string>) => new EnvironmentAnalysis({ implementsModuleFunction: () => false }).decide(dir, order);
        const a = decideIn(shuffled(seedA));
        assert.deepEqual(decideIn(shuffled(seedB)), a);
        assert.equal(a.backend, fns.length + types.length > 0 || broken || eyaml ? 'puppet' : 'builtin');
        rmSync(dir, { recursive: true, force: true });
      },
    ), { numRuns: 40 });
  });
});
