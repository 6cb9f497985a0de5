import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { describe, it } from 'node:test';
import { instanceIdOf, loadConfig } from '../../../ops/config/troupe.config.js';

describe('shard-lease settings (several instances on PostgreSQL)', () => {
  it('default to 10 s leases over 64 shards, the instance named by host and port', () => {
    const c = loadConfig({ port: '8141' }, {});
    assert.equal(c.leaseMs, 10_000);
    assert.equal(c.shards, 64);
    assert.equal(instanceIdOf(c), `${hostname().toLowerCase()}:8141`);
    assert.equal(instanceIdOf(loadConfig({ port: '0' }, {})), `${hostname().toLowerCase()}:pid${process.pid}`, 'a random port is no name: the process id is');
    assert.equal(instanceIdOf(loadConfig({ instanceId: 'puppet-a' }, {})), 'puppet-a');
  });

  it('come from flags or the environment', () => {
    const c = loadConfig({ leaseMs: '3000' }, { TROUPE_SHARDS: '16', TROUPE_INSTANCE_ID: 'b:1' });
    assert.deepEqual([c.leaseMs, c.shards, c.instanceId], [3000, 16, 'b:1']);
  });

  it('refuse leases under 2 s, shard counts outside 1–4096 and odd instance names, naming where they came from', () => {
    assert.throws(() => loadConfig({ leaseMs: '1500' }, {}), /--lease-ms.*at least 2000/);
    assert.throws(() => loadConfig({}, { TROUPE_SHARDS: '5000' }), /TROUPE_SHARDS.*1 to 4096/);
    assert.throws(() => loadConfig({ shards: '0' }, {}), /--shards/);
    assert.throws(() => loadConfig({ instanceId: 'a b' }, {}), /--instance-id/);
  });
});
