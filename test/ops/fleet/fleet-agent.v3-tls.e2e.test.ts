import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AgentTls } from '../../../ops/fleet/agent-http.js';
import { agentRun } from '../../../ops/fleet/fleet-agent.js';
import { fleetNode } from '../../../ops/fleet/fleet-node.js';
import { FleetSimulator } from '../../../ops/fleet/fleet-simulator.js';
import { nodeCertificates } from '../../../ops/fleet/node-certificates.js';
import { eventually } from '../../support/eventually.js';
import { spawnServe, type ServeProcess } from '../../support/servers/serve-process.js';

const NODES = 24;

describe('simulated agents on Puppet\'s v3 API over TLS, each with its own certificate, against troupe serve', () => {
  let serve: ServeProcess;
  let dataDir: string;
  let certificates: (certname: string) => AgentTls;
  const agent = { api: 'v3', requestTimeoutMs: 10_000, runTimeoutMs: 60_000, report: true, retryAfterScale: 0.05 } as const;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'troupe-fleet-v3-'));
    // Two pending compiles at most: some of the fleet is refused and comes back.
    serve = await spawnServe(['--data-dir', dataDir, '--workers', '1', '--admission-high-water', '2', '--max-retry-after-seconds', '1']);
    certificates = await nodeCertificates(join(dataDir, 'ssl'), NODES);
  });

  after(async () => {
    serve.child.kill('SIGTERM');
    await serve.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('converges: every agent gets its catalog, some after 503 + Retry-After on a new connection, and its report is stored', async () => {
    const stats = await new FleetSimulator({ ...agent, url: serve.httpsUrl, tls: certificates, nodes: NODES, splayMs: 0, runsPerNode: 1 }).run();
    assert.deepEqual(stats.errors, []);
    assert.equal(stats.ok, NODES);
    assert.ok(stats.retries > 0, 'a high-water mark of 2 refuses some of 24 agents arriving at once');
    for (let i = 0; i < NODES; i++) {
      const { certname } = fleetNode(i);
      await eventually(async () => {
        const reports = await fetch(`${serve.url}/troupe/v1/nodes/${certname}/reports`).then((r) => r.json()) as Array<{ certname: string; status: string }>;
        return reports.length === 1 && reports[0]!.status === 'unchanged';
      }, 20_000, `${certname}'s report stored`);
    }
  });

  it('is refused another node\'s catalog: a node presents only its own certificate', async () => {
    const run = await agentRun(0, { ...agent, url: serve.httpsUrl, tls: () => certificates(fleetNode(1).certname), runTimeoutMs: 10_000 });
    assert.equal(run.outcome, 'failed');
    assert.match(run.error!, /^HTTP 403/);
  });

  it('makes each node\'s certificate once: a second fleet on the same ssldir reuses them', async () => {
    const again = await nodeCertificates(join(dataDir, 'ssl'), NODES);
    assert.deepEqual(again(fleetNode(3).certname), certificates(fleetNode(3).certname));
  });
});
