import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startStompTransport } from '../../../../../actors/transport/stomp/stomp-transport.js';
import { SqliteEventLog } from '../../../../../core/log/sqlite/event-log.sqlite.js';
import { closeLater, collect, compiledEvent, eventually, puppetCatalog, rawClient, stompTestFile } from '../../../../support/brokers/stomp.fixture.js';

// pushbench's own broker port (docs: each helper its own).
const file = stompTestFile('push-pipeline', 61762, { reuse: false });
const { dir } = file;

describe('StompPush pipelining (real ActiveMQ)', () => {
  it('sends batches back to back within maxUnconfirmed, in log order, and checkpoints the log only over confirmed batches', async () => {
    const log = closeLater(new SqliteEventLog({ path: join(dir, 'pipeline.db') }));
    const CATALOGS = 300;
    const events = Array.from({ length: CATALOGS }, (_, i) => compiledEvent(puppetCatalog('pipe.test', dir, `v${i}\n`), `h${i}`, i === 0 ? null : `h${i - 1}`));
    await log.append(events.map((event) => ({ event })));
    const checkpointPath = join(dir, 'pipeline.checkpoint.json');
    const transport = closeLater(startStompTransport({
      brokerUrl: file.broker.url, log, ingest: false,
      push: { checkpointPath, destinationPrefix: '/queue/pipe.node.', batchSize: 10, maxUnconfirmed: 25 },
    }));
    let peak = 0;
    const sampler = setInterval(() => { peak = Math.max(peak, transport.status().push?.unconfirmed ?? 0); }, 1);
    try {
      await eventually(() => transport.status().push?.position === CATALOGS, 20_000, 'every catalog confirmed');
    } finally {
      clearInterval(sampler);
    }
    assert.deepEqual(transport.status().push, { position: CATALOGS, pushed: CATALOGS, unconfirmed: 0, skippedUnchanged: 0 });
    // Several batches out at once, but above the bound it stops reading: at most the bound plus one batch.
    assert.ok(peak > 10 && peak <= 25 + 10, `peak unconfirmed ${peak}`);
    const peek = await rawClient(file.broker.url);
    try {
      const got = await collect(peek, '/queue/pipe.node.pipe.test', CATALOGS, 15_000);
      assert.deepEqual(got.map((m) => m.headers['troupe-catalog-hash']), events.map((e) => e.data.hash), 'every catalog once, in log order');
    } finally {
      await peek.deactivate();
    }
  });
});
