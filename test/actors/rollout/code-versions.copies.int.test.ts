import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CodeVersions } from '../../../actors/rollout/code-versions.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-code-versions-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function source(name: string, site: string): string {
  const s = join(dir, name);
  mkdirSync(join(s, 'manifests'), { recursive: true });
  mkdirSync(join(s, '.git', 'objects'), { recursive: true });
  writeFileSync(join(s, 'manifests', 'site.pp'), site);
  writeFileSync(join(s, '.git', 'objects', 'blob'), 'x');
  writeFileSync(join(s, 'manifests', '.hidden.yaml'), 'kept');
  return s;
}

describe('CodeVersions', () => {
  const versions = new CodeVersions(join(dir, 'code-versions'));

  it('copies a version once, without hidden directories, and keeps only what it is told to', async () => {
    const v1 = await versions.snapshot('production', 'aaa', source('src1', 'v1'));
    assert.equal(readFileSync(join(v1, 'manifests', 'site.pp'), 'utf8'), 'v1');
    assert.ok(existsSync(join(v1, 'manifests', '.hidden.yaml')), 'hidden files can be code');
    assert.ok(!existsSync(join(v1, '.git')), 'hidden directories are not');
    // The same version again is not copied again, whatever the source says now.
    assert.equal(await versions.snapshot('production', 'aaa', source('src2', 'other')), v1);
    assert.equal(readFileSync(join(v1, 'manifests', 'site.pp'), 'utf8'), 'v1');
    await versions.snapshot('production', 'bbb', source('src3', 'v2'));
    assert.ok(versions.has('production', 'bbb'));
    assert.deepEqual(versions.environments(), ['production']);
    assert.deepEqual(versions.retain('production', new Set(['bbb'])), ['aaa']);
    assert.deepEqual(readdirSync(join(dir, 'code-versions', 'production')), ['bbb']);
  });

  it('leaves nothing behind when a copy fails, and refuses names that are not one path segment', async () => {
    await assert.rejects(versions.snapshot('production', 'ccc', join(dir, 'missing')));
    assert.deepEqual(readdirSync(join(dir, 'code-versions', 'production')), ['bbb']);
    for (const [env, id] of [['production', '../x'], ['../etc', 'aaa'], ['production', '']]) {
      assert.throws(() => versions.dirOf(env!, id!), /cannot name a code version directory/);
    }
  });
});
