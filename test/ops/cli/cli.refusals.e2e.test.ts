import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { COMMANDS } from '../../../ops/cli/commands.js';
import { runTroupe, type TroupeRun } from '../../support/servers/troupe-cli.js';

// Everything runs in an empty directory, against a server that counts the
// requests it gets and with the data directory and URL pointed at both:
// a command that does anything at all leaves a trace.
describe('troupe refuses what it does not understand, and --help only helps', () => {
  let cwd: string;
  let server: Server;
  let requests = 0;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'troupe-refusals-'));
    server = createServer((_, res) => { requests++; res.end('{}'); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    env = { TROUPE_URL: url, TROUPE_DATA_DIR: join(cwd, 'data'), TROUPE_PORT: '0', TROUPE_CONFIG: '' };
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    rmSync(cwd, { recursive: true, force: true });
  });
  // A refusal is quick, but each run starts tsx: on a loaded CI machine twenty
  // cold starts at once took longer than a run's timeout, so they go a few at a time.
  const troupe = (args: string[]) => runTroupe(args, { cwd, env, timeoutMs: 60_000 });
  const troupeAll = async (argsList: string[][]) => {
    const runs: TroupeRun[] = [];
    for (let i = 0; i < argsList.length; i += 4) runs.push(...await Promise.all(argsList.slice(i, i + 4).map(troupe)));
    return runs;
  };

  for (const { spec } of COMMANDS) {
    it(`${spec.name} --help prints its usage and options and does nothing else`, async () => {
      for (const help of ['--help', '-h']) {
        const r = await troupe([spec.name, help]);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, new RegExp(`^usage: troupe ${spec.name} `));
        for (const name of Object.keys(spec.options)) assert.match(r.stdout, new RegExp(`--${name}\\b`));
        assert.equal(r.leftovers, false);
      }
      assert.deepEqual(readdirSync(cwd), [], 'nothing written');
      assert.equal(requests, 0, 'no request sent');
    });
  }

  it('refuses unknown flags with exit 2, naming them and the nearest known one', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['serve', '--prot', '9999'], /^troupe serve: unknown option --prot \(did you mean --port\?\)$/m],
      [['serve', '--data', join(cwd, 'data')], /^troupe serve: unknown option --data \(did you mean --data-dir\?\)$/m],
      [['replay', '--forse'], /^troupe replay: unknown option --forse \(did you mean --force\?\)$/m],
      [['status', '--verbose'], /^troupe status: unknown option --verbose$/m],
      [['agent', '--certname', 'n1', '--broker', 'stomp://127.0.0.1:1', '--max-catalog', '1'], /unknown option --max-catalog \(did you mean --max-catalogs\?\)/],
      [['compile', '--nodes', 'n1'], /unknown option --nodes \(did you mean --node\?\)/],
    ];
    const runs = await troupeAll(cases.map(([args]) => args));
    for (const [i, [args, message]] of cases.entries()) {
      const r = runs[i]!;
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.match(r.stderr, new RegExp(`run 'troupe ${args[0]} --help' for its options`));
    }
    assert.deepEqual(readdirSync(cwd), []);
    assert.equal(requests, 0);
  });

  it('refuses missing values, extra arguments and invalid values with exit 2 before doing anything', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['serve', '--port', 'abc'], /--port: expected a port number 0–65535, got "abc"/],
      [['serve', '--workers', '-1'], /--workers needs a value \(one that starts with '-' is written --workers=VALUE\)/],
      [['serve', '--workers=-1'], /--workers: expected a whole number ≥ 0, got "-1"/],
      [['serve', '--durability', 'sometimes'], /--durability: expected full or normal/],
      [['serve', '--compiler', 'ruby'], /--compiler: expected auto, builtin, puppet or static/],
      [['serve', '--store', 'mysql://u:pw@h/db'], /--store: expected sqlite, postgres:.*mysql is not a store Troupe knows/],
      [['serve', '--store', 'kurrentdb://'], /--store: expected sqlite, .*kurrentdb:.*names no host/],
      [['serve', '--verify-sample', '2'], /--verify-sample: expected a fraction from 0 to 1, got "2"/],
      [['serve', '--compiler', 'builtin', '--verify-sample', '0.1'], /--verify-sample: checks builtin compiles against Puppet, so it needs compiler auto \(not builtin\)/],
      [['serve', 'now'], /unexpected argument 'now'/],
      [['serve', '--port'], /--port needs a value/],
      [['events', '--node', 'n1', '--until', 'yesterday-ish'], /--until: expected a log position or a time/],
      [['events'], /--node is required/],
      [['replay', '--json'], /unknown option --json/],
      [['status', '--url', 'ftp://example.com'], /--url: expected an http:\/\/ or https:\/\/ URL/],
      [['submit', '--event', 'a.json', 'b.json'], /unexpected argument 'b.json'/],
      [['submit', '--catalog-for', 'n1'], /--facts: expected a JSON object of facts in standard input \(no --facts\)/],
      [['fleet', '--nodes', 'ten'], /--nodes: expected a positive integer, got 'ten'/],
      [['fleet', '--interval', 'soon'], /--interval: expected a duration/],
      [['agent', '--certname', 'n1'], /--certname and --broker are required/],
      [['agent', '--certname', 'n1', '--broker', 'stomp://127.0.0.1:1', '--max-catalogs', '0'], /--max-catalogs: expected a positive integer/],
    ];
    const runs = await troupeAll(cases.map(([args]) => args));
    for (const [i, [args, message]] of cases.entries()) {
      const r = runs[i]!;
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    assert.deepEqual(readdirSync(cwd), []);
    assert.equal(requests, 0);
  });

  it('keeps troupe --help and the unknown-command refusal', async () => {
    const help = await troupe(['--help']);
    assert.equal(help.status, 0);
    for (const { spec } of COMMANDS) assert.match(help.stdout, new RegExp(`^  ${spec.name} `, 'm'));
    const unknown = await troupe(['serv']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^unknown command: serv\n/);
  });
});
