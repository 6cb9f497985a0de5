import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { packDirectory, unpackInto } from '../../../core/rollout/code-archive.js';

const scratch = mkdtempSync(join(tmpdir(), 'code-archive-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(scratch, String(n++));

/** Every file and directory under `root`: path → [kind, mode, content]. */
function tree(root: string, relative = ''): Map<string, [string, number, string]> {
  const found = new Map<string, [string, number, string]>();
  for (const name of readdirSync(join(root, relative))) {
    const path = relative === '' ? name : `${relative}/${name}`;
    const s = statSync(join(root, path));
    if (s.isDirectory()) {
      found.set(path, ['dir', s.mode, '']);
      for (const [p, v] of tree(root, path)) found.set(p, v);
    } else {
      found.set(path, ['file', s.mode, readFileSync(join(root, path)).toString('base64')]);
    }
  }
  return found;
}

const segment = fc.stringMatching(/^[a-z0-9_][a-z0-9_.-]{0,8}$/);
const files = fc.uniqueArray(fc.record({ dirs: fc.array(segment, { maxLength: 3 }), name: segment, bytes: fc.uint8Array({ maxLength: 300 }), exec: fc.boolean() }),
  { maxLength: 12, selector: (f) => [...f.dirs, f.name].join('/') });

describe('code archive (a code version in one database row)', () => {
  it('property: unpacking a packed directory gives the same files, bytes and modes', async () => {
    await fc.assert(fc.asyncProperty(files, async (entries) => {
      const source = fresh();
      mkdirSync(source);
      for (const f of entries) {
        const dir = join(source, ...f.dirs);
        try {
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, `f-${f.name}`), f.bytes);
          chmodSync(join(dir, `f-${f.name}`), f.exec ? 0o755 : 0o644);
        } catch {
          // A name used as a directory and as a file: that entry is left out.
        }
      }
      const target = fresh();
      await unpackInto(await packDirectory(source), target);
      assert.deepEqual(tree(target), tree(source));
    }), { numRuns: 40 });
  });

  it('refuses a tree larger than its bound, and an entry that leaves its directory', async () => {
    const source = fresh();
    mkdirSync(source);
    writeFileSync(join(source, 'big'), Buffer.alloc(2000));
    await assert.rejects(packDirectory(source, 1000), { code: 'too_large' });
    const evil = Buffer.alloc(17);
    const name = Buffer.from('../escape');
    evil.writeUInt8(0, 0);
    evil.writeUInt32BE(0o755, 1);
    evil.writeUInt32BE(name.length, 13);
    const target = fresh();
    await assert.rejects(unpackInto(gzipSync(Buffer.concat([evil, name])), target), { code: 'invalid_input' });
    assert.deepEqual(readdirSync(scratch).filter((d) => d === 'escape'), []);
  });
});
