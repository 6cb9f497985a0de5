import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { FleetSimulator } from '../../../ops/fleet/fleet-simulator.js';

describe('FleetSimulator.stop', () => {
  // A loopback stand-in for the catalog door: every run gets its catalog at once.
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"catalog":{"version":1}}');
  });
  let url: string;
  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('ends run() at once, agents waiting for their next run or their splay included, and starts no run after', async () => {
    const fleet = new FleetSimulator({ url, api: 'v4', nodes: 20, intervalMs: 3_600_000, splayMs: 3_600_000, report: false, requestTimeoutMs: 5000 });
    const running = fleet.run();
    // The first agent runs at once; the others wait in their splay (an hour), as does the first for its next run.
    while (fleet.stats().ok < 1) await new Promise((r) => setTimeout(r, 5));
    const stoppedAt = performance.now();
    fleet.stop();
    const stats = await running;
    assert.ok(performance.now() - stoppedAt < 1000, 'run() resolved promptly');
    assert.equal(stats.started, 1);
    assert.equal(stats.ok, 1);
    assert.equal(stats.inFlight, 0);
  });
});
