import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { catalogMessage, DEFAULT_STOMP_PUSH_OPTIONS } from '../../../../../actors/transport/stomp/stomp-push.js';
import { startStompTransport } from '../../../../../actors/transport/stomp/stomp-transport.js';
import type { ReportSubmitted, RecordedEvent } from '../../../../../core/events/event.types.js';
import { SqliteCheckpointStore } from '../../../../../core/log/sqlite/checkpoint-store.sqlite.js';
import { SqliteEventLog } from '../../../../../core/log/sqlite/event-log.sqlite.js';
import { runAgentCommand } from '../../../../../ops/cli/fleet/agent.command.js';
import { allEvents, closeLater, collect, compiledEvent, eventually, puppetCatalog, rawClient, stompTestFile } from '../../../../support/brokers/stomp.fixture.js';

const file = stompTestFile('push', 61725);
const { dir } = file;
const PUPPET = '/usr/bin/puppet';

describe('StompPush and troupe agent', () => {
  it('pushes a compiled catalog to troupe agent, which writes it, applies it with puppet and reports back', async () => {
    const log = closeLater(new SqliteEventLog({ path: join(dir, 'loop.db') }));
    const transport = closeLater(startStompTransport({
      brokerUrl: file.broker.url, log, push: { checkpointPath: join(dir, 'loop.checkpoint.json') },
    }));
    const catalogDir = join(dir, 'agent1');
    const managed = join(dir, 'managed-by-puppet');
    const catalog = puppetCatalog('agent1.test', managed);
    const compiled = compiledEvent(catalog, 'h1', null);
    await log.append([{ event: compiled }]);
    const withPuppet = existsSync(PUPPET);
    const code = await runAgentCommand([
      '--certname', 'agent1.test', '--broker', file.broker.url, '--dir', catalogDir, '--max-catalogs', '1',
      ...(withPuppet ? ['--apply', `cd ${dir} && ${PUPPET} apply --noop --detailed-exitcodes --catalog {file}`] : []),
    ]);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(readFileSync(join(catalogDir, 'agent1.test.catalog.json'), 'utf8')), catalog);
    await eventually(async () => (await allEvents(log)).some((e) => e.type === 'report_submitted'), 15_000, 'the report');
    const report = (await allEvents(log)).find((e): e is RecordedEvent<ReportSubmitted> => e.type === 'report_submitted')!;
    assert.equal(report.stream, 'agent1.test');
    assert.equal(report.data.catalogUuid, catalog.catalog_uuid);
    assert.equal(report.data.status, 'unchanged', JSON.stringify(report.data.body['logs']));
    assert.equal(report.data.noop, withPuppet);
    if (withPuppet) assert.ok(!existsSync(join(managed, 'managed.txt')), '--noop changed nothing');
    assert.equal(transport.status().push?.pushed, 1);
  });

  it('skips unchanged catalogs, pushes what was compiled while it was down, and never pushes twice', async () => {
    // As troupe serve wires it: the checkpoint in a table of the log's own file.
    const log = closeLater(new SqliteEventLog({ path: join(dir, 'checkpoint.db') }));
    const checkpoints = new SqliteCheckpointStore(join(dir, 'checkpoint.db'));
    closeLater({ close: async () => checkpoints.close() });
    const options = { brokerUrl: file.broker.url, log, ingest: false as const, push: { checkpoints, destinationPrefix: '/queue/test.node.', priority: 7, ttlMs: 60_000 } };
    const first = compiledEvent(puppetCatalog('db1.test', dir), 'h1', null);
    const same = compiledEvent(puppetCatalog('db1.test', dir), 'h1', 'h1');
    await log.append([{ event: first }, { event: same }]);
    const t1 = startStompTransport(options);
    await eventually(() => t1.status().push?.position === 2, 10_000, 'the first push');
    assert.deepEqual(t1.status().push, { position: 2, pushed: 1, unconfirmed: 0, skippedUnchanged: 1 });
    await t1.close();

    const whileDown = compiledEvent(puppetCatalog('db1.test', dir, 'v2\n'), 'h2', 'h1');
    await log.append([{ event: whileDown }]);
    const t2 = closeLater(startStompTransport(options));
    await eventually(() => t2.status().push?.position === 3, 10_000, 'the push after restart');
    assert.equal(t2.status().push?.pushed, 1);
    assert.equal(checkpoints.get('stomp-push'), 3);

    const peek = await rawClient(file.broker.url);
    const got = await collect(peek, '/queue/test.node.db1.test', 3, 1500);
    assert.deepEqual(got.map((m) => m.headers['troupe-event-id']), [first.id, whileDown.id]);
    const h = got[1]!.headers;
    assert.equal(h['priority'], '7');
    assert.equal(h['persistent'], 'true');
    // ActiveMQ consumes JMSXGroupID (message groups) and does not hand it back to STOMP consumers.
    assert.equal(catalogMessage(whileDown, DEFAULT_STOMP_PUSH_OPTIONS, 0).headers?.['JMSXGroupID'], 'db1.test');
    assert.ok(Number(h['expires']) > Date.now() && Number(h['expires']) <= Date.now() + 60_000);
    assert.deepEqual(JSON.parse(got[1]!.body), whileDown.data.catalog);
  });
});
