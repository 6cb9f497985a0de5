import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MissingPushes, PushWatch } from '../../../../ops/bench/push/push-watch.js';
import { eventually, publishConfirmed, rawClient, stompTestFile } from '../../../support/brokers/stomp.fixture.js';

// pushbench's own broker port (docs: each helper its own).
const file = stompTestFile('push-watch', 61762, { reuse: false });

describe('PushWatch (real ActiveMQ)', () => {
  it('counts, per code version, the distinct nodes whose own queue got a catalog, messages queued before it subscribed included', async () => {
    const producer = await rawClient(file.broker.url);
    const send = (certname: string, body: string) => publishConfirmed(producer, `/queue/troupe.node.${certname}`, { persistent: 'true' }, body);
    await send('early.test', '{"message":"code version 1"}'); // a queue that exists before the watch
    const watch = await PushWatch.start(file.broker.port, ['code version 1', 'code version 2'], ['early.test', 'a.test', 'b.test', 'c.test']);
    try {
      await send('a.test', '{"message":"code version 1"}');
      await send('b.test', '{"message":"code version 2"}');
      await send('b.test', '{"message":"code version 2"}'); // the same node twice counts once
      await send('c.test', '{"message":"something else"}');
      const v2 = await watch.waitFor('code version 2', ['b.test'], 10_000);
      assert.equal(v2.nodes, 1);
      assert.ok(v2.lastAt > 0 && v2.lastAt <= performance.now());
      await watch.waitFor('code version 1', ['early.test', 'a.test'], 10_000);
      assert.equal(watch.version('code version 1').nodes, 2, 'early.test (queued before) and a.test');
      await eventually(() => watch.received === 5, 10_000, 'every message, the unmarked one included');
      await send('elsewhere.test', '{"message":"code version 2"}'); // a queue it does not watch
      await assert.rejects(watch.waitFor('code version 2', ['a.test', 'b.test', 'c.test'], 300), (e: unknown) => {
        assert.ok(e instanceof MissingPushes);
        assert.deepEqual(e.missing, ['a.test', 'c.test']);
        assert.match(e.message, /2 of 3 nodes got no catalog with 'code version 2' within 300 ms: a\.test, c\.test$/);
        return true;
      });
      assert.deepEqual(watch.missing('code version 1', ['early.test', 'a.test', 'b.test']), ['b.test']);
    } finally {
      await watch.close();
      await producer.deactivate();
    }
  });
});
