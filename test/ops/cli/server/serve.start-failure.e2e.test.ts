import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runTroupe, type TroupeRun } from '../../../support/servers/troupe-cli.js';

const MODES = [['--workers', '0'], ['--workers', '2']] as const;

/** Started, refused in a sentence, exited 1 promptly (not serving on), nothing left running. */
function assertRefused(r: TroupeRun, sentence: RegExp): void {
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, sentence);
  assert.doesNotMatch(r.stderr, /\{ code:|at .*\.ts:\d+/, 'no object dump or stack');
  // Generous: from source via tsx on a loaded 2-core CI machine, start-up alone takes seconds.
  assert.ok(r.ms < 20_000, `took ${r.ms} ms`);
  assert.equal(r.leftovers, false, 'no process left behind');
}

const serve = (args: string[]) => runTroupe(['serve', '--compiler', 'static', ...args], { env: { TROUPE_CONFIG: '' }, timeoutMs: 30_000 });

describe('troupe serve cannot start', () => {
  let scratch: string;
  before(() => { scratch = mkdtempSync(join(tmpdir(), 'troupe-start-')); });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  describe('when its port is taken', () => {
    let blocker: Server;
    let port: number;
    before(async () => {
      blocker = createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
      port = (blocker.address() as { port: number }).port;
    });
    after(() => new Promise((r) => blocker.close(r)));

    for (const mode of MODES) {
      it(`exits with what to do (${mode.join(' ')})`, async () => {
        const r = await serve(['--port', String(port), '--data-dir', join(scratch, `port${mode[1]}`), ...mode]);
        assertRefused(r, new RegExp(`^troupe serve: port ${port} on 127\\.0\\.0\\.1 is already in use \\(another troupe or puppetserver\\?\\); stop it or choose another with --port\\n$`));
      });
    }
  });

  it('when its data directory is a file', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    assertRefused(await serve(['--port', '0', '--data-dir', file]),
      new RegExp(`data directory ${file} is not a directory \\(a file is in the way\\); move the file or choose another with --data-dir`));
  });

  // Real file systems for the rest: tmpfs mounts (root only), unmounted whatever happens.
  const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;
  describe('on a read-only or full disk', { skip: canMount ? false : 'needs root to mount a tmpfs' }, () => {
    const mounts: string[] = [];
    const mount = (options: string): string => {
      const dir = join(scratch, `mnt${mounts.length}`);
      mkdirSync(dir);
      const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      mounts.push(dir);
      return dir;
    };
    after(() => {
      for (const dir of mounts) spawnSync('umount', [dir]).status === 0 || spawnSync('umount', ['-l', dir]);
    });

    it('refuses a data directory it cannot create or write', async () => {
      const dir = join(mount('size=64k,ro'), 'data');
      assertRefused(await serve(['--port', '0', '--data-dir', dir]),
        new RegExp(`cannot create or write data directory ${dir} \\(read-only file system\\); make it writable or choose another with --data-dir`));
    });

    for (const mode of MODES) {
      it(`says the disk is full (${mode.join(' ')})`, async () => {
        const disk = mount('size=256k');
        // Fill it: dd stops at ENOSPC, which is the point.
        spawnSync('dd', ['if=/dev/zero', `of=${join(disk, 'fill')}`, 'bs=4k']);
        const dir = join(disk, 'data');
        assertRefused(await serve(['--port', '0', '--data-dir', dir, ...mode]),
          new RegExp(`^troupe serve: the disk holding data directory ${dir} is full; free some space or choose another with --data-dir\\n$`));
      });
    }
  });
});
