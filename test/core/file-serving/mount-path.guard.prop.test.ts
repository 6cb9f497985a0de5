import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { FileServer } from '../../../core/file-serving/file-server.js';
import { MOUNTS, parseContentPath, parseMountPath } from '../../../core/file-serving/mount-path.js';

/** Request paths built from the pieces an attacker would combine. */
const SEGMENTS = ['modules', 'plugins', 'pluginfacts', 'locales', 'demo', 'files', 'lib', 'facts.d', '..', '.', '', '/', 'etc', 'passwd',
  'out', 'outdir', 'inner', 'a.txt', 'x.rb', '%2e%2e', '\0', '..\0', '...', '~', 'secret.txt'];
const requestPath = fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 8 }).map((s) => s.join('/'));

describe('file serving path guard (property)', () => {
  it('never lets an accepted path leave its mount directory, lexically', () => {
    const root = '/srv/env/modules/demo/files';
    fc.assert(fc.property(fc.oneof(requestPath, fc.string({ maxLength: 60 })), (path) => {
      const r = parseMountPath(path);
      if (!r.ok) return;
      assert.ok(Object.hasOwn(MOUNTS, r.value.mount));
      for (const s of r.value.segments) assert.ok(s !== '..' && s !== '.' && s !== '' && !s.includes('\0') && !s.includes('/'), s);
      const full = resolve(root, ...r.value.segments);
      assert.ok(full === root || full.startsWith(root + sep), full);
    }), { numRuns: 2000 });
  });

  it("never lets an accepted content path leave a module's files/, lexically", () => {
    const env = '/srv/env';
    fc.assert(fc.property(fc.oneof(requestPath, fc.string({ maxLength: 60 })), (path) => {
      const r = parseContentPath(path);
      if (!r.ok) return;
      for (const s of [r.value.moduleDir, ...r.value.segments]) assert.ok(s !== '..' && s !== '.' && s !== '' && !s.includes('\0') && !s.includes('/'), s);
      const root = resolve(env, r.value.moduleDir, r.value.module, 'files');
      assert.ok(resolve(root, ...r.value.segments).startsWith(root + sep));
    }), { numRuns: 2000 });
  });

  describe('over a real tree with links pointing out', () => {
    let dir: string;
    let server: FileServer;
    before(() => {
      dir = realpathSync(mkdtempSync(join(tmpdir(), 'troupe-guard-')));
      const mod = join(dir, 'env', 'modules', 'demo');
      for (const d of ['files/inner', 'lib', 'facts.d']) mkdirSync(join(mod, d), { recursive: true });
      writeFileSync(join(mod, 'files', 'a.txt'), 'a');
      writeFileSync(join(mod, 'files', 'inner', 'a.txt'), 'inner');
      writeFileSync(join(mod, 'lib', 'x.rb'), 'x');
      writeFileSync(join(dir, 'secret.txt'), 'secret');
      mkdirSync(join(dir, 'outdir'));
      writeFileSync(join(dir, 'outdir', 'a.txt'), 'secret');
      symlinkSync(join(dir, 'secret.txt'), join(mod, 'files', 'out'));
      symlinkSync(join(dir, 'outdir'), join(mod, 'files', 'outdir'));
      symlinkSync('../../manifests', join(mod, 'lib', 'outdir'));
      symlinkSync('../secret.txt', join(mod, 'facts.d', 'secret.txt'));
      symlinkSync('a.txt', join(mod, 'files', 'inner', 'x.rb'));
      server = new FileServer(join(dir, 'env'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('opens, lists and describes only what lies inside a mount', async () => {
      let contents = 0;
      // The module path itself is what Puppet describes (not lists) for a merged mount no module has.
      const outside = (real: string) => real !== join(dir, 'env', 'modules') && !real.startsWith(join(dir, 'env', 'modules', 'demo') + sep);
      await fc.assert(fc.asyncProperty(requestPath, fc.constantFrom('manage' as const, 'follow' as const), async (path, links) => {
        for (const contentPath of [path, `modules/demo/files/${path}`]) {
          const c = parseContentPath(contentPath);
          const content = c.ok ? await server.openContent(c.value).catch(() => null) : null;
          if (!content) continue;
          const text = (await content.handle.readFile()).toString();
          await content.handle.close();
          assert.notEqual(text, 'secret', contentPath);
          contents += 1;
        }
        const r = parseMountPath(path);
        if (!r.ok) return;
        const options = { links, checksumType: 'sha256' as const, sourcePermissions: 'use' as const };
        const opened = await server.open(r.value).catch(() => null);
        if (opened) {
          const content = (await opened.handle.readFile()).toString();
          await opened.handle.close();
          assert.notEqual(content, 'secret', path);
        }
        const listed = await server.search(r.value, { ...options, recurse: true, recurseLimit: null, ignore: [], maxFiles: 0 }).catch(() => []);
        for (const m of listed) {
          const full = m.relative_path === '.' ? m.path : join(m.path, m.relative_path!);
          assert.ok(!outside(realpathSync(full)), `${path} listed ${full}`);
        }
        const one = await server.metadata(r.value, options).catch(() => null);
        if (one) assert.ok(!outside(realpathSync(one.path)), `${path} described ${one.path}`);
        // Paths that do open, whatever the seed draws: the "some content paths open" check below must not hang on luck.
      }), { numRuns: 400, examples: [['a.txt', 'manage'], ['inner/a.txt', 'follow']] });
      assert.ok(contents > 0, 'some content paths open');
    });
  });
});
