import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { certText } from '../../support/ca.fixture.js';
import { eventually } from '../../support/eventually.js';
import { tempEnvironments, writeSite } from '../../support/puppet/puppet-env.fixture.js';
import { writeModule } from '../../support/puppet/puppet-module.fixture.js';
import {
  puppetDefaultDirs, requirePuppetAgent, scratchAgent, tracesOf, stopScratchAgents, type ScratchAgent,
} from '../../support/puppet/scratch-agent.fixture.js';
import { spawnServe, type ServeProcess } from '../../support/servers/serve-process.js';
import { runTroupe } from '../../support/servers/troupe-cli.js';

const FLEET = 20;
const FACT = 'from troupe_fact.rb';

/** Per-node files under each agent's own scratch directory, `<agents>/<certname>`. */
const webModule = (agents: string) => ({
  'manifests/init.pp': `class web {
  $managed = "${agents}/\${trusted['certname']}/managed"
  file { $managed: ensure => directory }
  file { "\${managed}/src.txt": source => 'puppet:///modules/web/src.txt' }
  file { "\${managed}/content.txt": content => "role \${trusted['extensions']['pp_role']} fact \${facts['troupe_fact']}" }
}
`,
  'files/src.txt': 'served by troupe\n',
  'lib/facter/troupe_fact.rb': `Facter.add(:troupe_fact) { setcode { '${FACT}' } }\n`,
});
const SITE = "node default {\n  if $trusted['extensions']['pp_role'] == 'web' { include web }\n}\n";

interface Answer { status: number; body: string }

/** One request as `agent` (its certificate and key), on a connection of its own. */
function requestAs(agent: ScratchAgent, url: string, method: string, body = ''): Promise<Answer> {
  const { ca, cert, key } = agent.credentials();
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca, cert, key, agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const managed = (agent: ScratchAgent, file: string) => readFileSync(join(agent.dir, 'managed', file), 'utf8');

describe('real Puppet agents (puppet agent -t) against troupe serve over HTTPS', () => {
  let serve: ServeProcess | undefined;
  let dataDir: string;
  let envRoot: string;
  let agents: string;
  let defaultDirs: string[];
  let puppetVersion: string;
  const first = 'web1.example.com';

  before(async () => {
    puppetVersion = requirePuppetAgent();
    dataDir = mkdtempSync(join(tmpdir(), 'troupe-agents-data-'));
    agents = mkdtempSync(join(tmpdir(), 'troupe-agents-'));
    envRoot = tempEnvironments('agents-env');
    const codeDir = writeSite(envRoot, 'production', SITE);
    writeModule(codeDir, 'web', webModule(agents));
    defaultDirs = puppetDefaultDirs();
    serve = await spawnServe(['--data-dir', dataDir, '--autosign', 'true', '--code-dir', codeDir, '--workers', '1']);
  });

  after(async () => {
    stopScratchAgents();
    if (serve) {
      serve.child.kill('SIGTERM');
      const killed = setTimeout(() => serve!.child.kill('SIGKILL'), 10_000);
      await serve.exited;
      clearTimeout(killed);
    }
    for (const d of [dataDir, agents, envRoot]) if (d) rmSync(d, { recursive: true, force: true });
  });

  const port = () => Number(new URL(serve!.httpsUrl).port);
  const agent = (certname: string, extensionRequests?: Record<string, string>) =>
    scratchAgent({ dir: join(agents, certname), certname, port: port(), ...(extensionRequests ? { extensionRequests } : {}) });

  it('first run: CSR autosigned with pp_role, pluginsync, catalog from the synced fact and $trusted, files applied, report stored; second run changes nothing', async (t) => {
    const web1 = agent(first, { pp_role: 'web' });
    const run1 = await web1.run();
    t.diagnostic(`first run ${run1.ms} ms`);
    assert.equal(run1.status, 2, run1.output);
    assert.match(run1.output, new RegExp(`Downloaded certificate for ${first.replace(/\./g, '\\.')}`));
    assert.match(certText(web1.credentials().cert), /1\.3\.6\.1\.4\.1\.34380\.1\.1\.13:\s*\n\s+\.\.web$/m, 'pp_role (1.3.6.1.4.1.34380.1.1.13) in the certificate');
    assert.equal(readFileSync(join(web1.dir, 'vardir', 'lib', 'facter', 'troupe_fact.rb'), 'utf8'), webModule(agents)['lib/facter/troupe_fact.rb']);
    assert.equal(managed(web1, 'src.txt'), 'served by troupe\n');
    assert.equal(managed(web1, 'content.txt'), `role web fact ${FACT}`);

    const run2 = await web1.run();
    t.diagnostic(`second run ${run2.ms} ms`);
    assert.equal(run2.status, 0, run2.output);
    assert.deepEqual(tracesOf(defaultDirs, [first]), [], `nothing written in Puppet's default directories (${defaultDirs.join(', ')})`);

    const timeline = await runTroupe(['events', '--node', first, '--data-dir', dataDir]);
    assert.equal(timeline.status, 0, timeline.stderr);
    assert.match(timeline.stdout, /facts_submitted[^\n]*\n[^\n]*catalog_requested[^\n]*\n[^\n]*catalog_compiled[^\n]*\n[^\n]*report_submitted\s+status changed/);
    assert.match(timeline.stdout, /report_submitted\s+status unchanged/);

    let reports: { status: string; puppetVersion: string }[] = [];
    await eventually(async () => {
      reports = await (await fetch(`${serve!.url}/troupe/v1/nodes/${first}/reports`)).json() as typeof reports;
      return reports.length === 2;
    }, 20_000, 'both reports in storeconfigs');
    assert.deepEqual(reports.map((r) => [r.status, r.puppetVersion]), [['unchanged', puppetVersion], ['changed', puppetVersion]]);
  });

  it("refuses another node's catalog (403 with the reason), then the revoked certificate altogether, on a new connection and to puppet agent -t", async () => {
    const intruder = agent('intruder.example.com');
    const boot = await intruder.bootstrap();
    assert.equal(boot.status, 0, boot.output);
    const v3 = `${serve!.httpsUrl}/puppet/v3`;

    const own = await requestAs(intruder, `${v3}/node/intruder.example.com?environment=production`, 'GET');
    assert.equal(own.status, 200, own.body);
    const theirs = await requestAs(intruder, `${v3}/catalog/${first}?environment=production`, 'POST', 'environment=production');
    assert.equal(theirs.status, 403);
    assert.equal(JSON.parse(theirs.body).message, `Not Authorized: Forbidden request: intruder.example.com may only access its own data, not ${first}'s`);

    const revoke = await runTroupe(['ca', 'revoke', 'intruder.example.com', '--data-dir', dataDir], { timeoutMs: 60_000 });
    assert.equal(revoke.status, 0, revoke.stderr);
    // The server hears of the CLI's new CRL through inotify, within milliseconds (hence the short poll, a new
    // connection each time). puppetserver would end the handshake; Troupe completes it and refuses every request.
    let refused: Answer | undefined;
    await eventually(async () => (refused = await requestAs(intruder, `${v3}/node/intruder.example.com?environment=production`, 'GET')).status !== 200,
      2000, 'the revoked certificate refused');
    assert.equal(refused!.status, 403, refused!.body);
    assert.match(JSON.parse(refused!.body).message, /Forbidden request: this endpoint needs a client certificate signed by the Puppet CA/);

    const run = await intruder.run();
    assert.notEqual(run.status, 0, run.output);
    assert.match(run.output, /Could not retrieve catalog from remote server: Error 403 on SERVER: Not Authorized: Forbidden request: this endpoint needs a client certificate signed by the Puppet CA/);
  });

  it(`${FLEET} agents at once: each gets its certificate and catalog and applies it`, async (t) => {
    const fleet = Array.from({ length: FLEET }, (_x, i) => agent(`fleet-${String(i).padStart(2, '0')}.example.com`, { pp_role: 'web' }));
    const started = Date.now();
    const runs = await Promise.all(fleet.map((a) => a.run()));
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
    t.diagnostic(`${FLEET} agents in parallel: ${Date.now() - started} ms in all; one run ${ms[0]}–${ms.at(-1)} ms, median ${ms[FLEET >> 1]} ms`);
    for (const [i, r] of runs.entries()) {
      assert.equal(r.status, 2, `${fleet[i]!.certname}: ${r.output}`);
      assert.equal(managed(fleet[i]!, 'content.txt'), `role web fact ${FACT}`);
      assert.equal(managed(fleet[i]!, 'src.txt'), 'served by troupe\n');
    }
    assert.deepEqual(tracesOf(defaultDirs, fleet.map((a) => a.certname)), [], "nothing written in Puppet's default directories");
    await eventually(async () => {
      const counts = await Promise.all(fleet.map(async (a) => ((await (await fetch(`${serve!.url}/troupe/v1/nodes/${a.certname}/reports`)).json()) as unknown[]).length));
      return counts.every((n) => n === 1);
    }, 20_000, "every fleet node's report in storeconfigs");
  });
});
