import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { CodeVersionLinks, type CodeVersionLink } from '../../../ops/puppet/code-version-links.js';

describe('code version links: bounded, least recently used dropped, each version its own environmentpath', () => {
  const root = mkdtempSync(join(tmpdir(), 'troupe-links-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const dirs = Array.from({ length: 6 }, (_x, i) => { const d = join(root, 'code', `v${i}`); mkdirSync(d, { recursive: true }); return d; });

  it('never holds more than max links; evicts the least recently used, whose directory goes; kept ones link to their code', () => {
    let run = 0;
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.tuple(fc.constantFrom('production', 'staging'), fc.integer({ min: 0, max: 5 })), { maxLength: 40 }), (max, uses) => {
      const work = join(root, `work-${run++}`);
      const evicted: CodeVersionLink[] = [];
      const links = new CodeVersionLinks(() => work, max, (l) => evicted.push(l));
      /** The model: keys, most recently used last. */
      const model: string[] = [];
      const live = new Map<string, CodeVersionLink>();
      for (const [env, i] of uses) {
        const link = links.use(env, dirs[i]!);
        assert.equal(readlinkSync(join(link.environmentpath, env)), dirs[i]);
        assert.equal(link.codeDir, dirs[i]);
        const at = model.indexOf(link.key);
        if (at >= 0) model.splice(at, 1);
        model.push(link.key);
        live.set(link.key, link);
        if (model.length > max) {
          const gone = model.shift()!;
          assert.equal(evicted.at(-1)?.key, gone);
          assert.ok(!existsSync(live.get(gone)!.environmentpath), "an evicted version's link is removed");
          live.delete(gone);
        }
        assert.ok(links.size <= max);
        assert.equal(links.size, model.length);
      }
      const paths = [...live.values()].map((l) => l.environmentpath);
      assert.equal(new Set(paths).size, paths.length, 'versions never share an environmentpath');
      // Dropping an environment's versions removes those and only those.
      const before = evicted.length;
      links.drop('production');
      const dropped = evicted.slice(before).map((l) => l.key).sort();
      assert.deepEqual(dropped, model.filter((k) => k.startsWith('production@')).sort());
      for (const l of live.values()) assert.equal(existsSync(l.environmentpath), l.environment !== 'production');
      assert.equal(links.size, model.length - dropped.length);
    }));
  });
});
