import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CompilePool } from '../../../../../actors/compile/compile-pool.js';
import { createCompileOutcome, createCompileStep } from '../../../../../actors/compile/compile-step.js';
import type { CompileInput } from '../../../../../actors/node/node.machine.js';
import { CompileJobConsumer } from '../../../../../actors/transport/stomp/compile/compile-job-consumer.js';
import { CompileJobPublisher, jobOf, offeredOrLocal } from '../../../../../actors/transport/stomp/compile/compile-job-publisher.js';
import { compileJobMessage } from '../../../../../actors/transport/stomp/compile/compile-job.message.js';
import { StompConnection } from '../../../../../actors/transport/stomp/stomp-connection.js';
import { createBuiltinCompiler } from '../../../../../core/compiler/builtin.compiler.js';
import { inMemoryExportedResources } from '../../../../../core/compiler/exported-resources.memory.js';
import type { CatalogCompiled, CompileFailed, FactsSubmitted, RecordedEvent, TroupeEvent } from '../../../../../core/events/event.types.js';
import { SqliteEventLog } from '../../../../../core/log/sqlite/event-log.sqlite.js';
import { factsEvent } from '../../../../support/events.fixture.js';
import { writeSite } from '../../../../support/puppet/puppet-env.fixture.js';
import { allEvents, closeLater, collect, eventually, publishConfirmed, rawClient, stompTestFile } from '../../../../support/brokers/stomp.fixture.js';

const file = stompTestFile('compile-jobs', 61791);
const codeDir = writeSite(file.dir, 'production', "node default { notify { \"hello ${facts['networking']['hostname']}\": } }\n");
let n = 0;

/** A log, a queue of its own, and an instance's compile parts: the builtin compiler, a pool of `slots`. */
function instance(slots = 1) {
  const i = n++;
  const log = closeLater(new SqliteEventLog({ path: join(file.dir, `log-${i}.db`) }));
  const deps = { compiler: createBuiltinCompiler({ codeDir }), pool: new CompilePool({ concurrency: slots }), exported: inMemoryExportedResources([]) };
  return { log, queue: `/queue/test.compile.${i}`, compile: createCompileOutcome(deps), local: createCompileStep({ ...deps, log }) };
}

async function nodeWithFacts(log: SqliteEventLog, certname: string): Promise<RecordedEvent<FactsSubmitted>> {
  await log.append([{ event: factsEvent(certname, { networking: { hostname: certname } }) }]);
  const [facts] = await log.readStreamBackward(certname, { types: ['facts_submitted'], limit: 1 });
  return facts as RecordedEvent<FactsSubmitted>;
}

const inputFor = (facts: RecordedEvent<FactsSubmitted>, requestIds: string[]): CompileInput => ({
  state: { certname: facts.stream, facts: facts.data, lastHash: null, deactivated: false },
  work: { kind: 'compile', requestIds, environment: 'production', priority: 0, position: facts.position },
});

const outcomes = async (log: SqliteEventLog): Promise<TroupeEvent[]> =>
  (await allEvents(log)).filter((e) => e.type === 'catalog_compiled' || e.type === 'compile_failed');

describe('compile jobs over the broker: the consumer', () => {
  it('a job delivered twice (re-published) is compiled and logged once; both are acknowledged', async () => {
    const { log, queue, compile } = instance();
    const job = jobOf(inputFor(await nodeWithFacts(log, 'web1'), ['r1']));
    const connection = closeLater(new StompConnection({ brokerUrl: file.broker.url }).start());
    const m = compileJobMessage(job, { destination: queue, ttlMs: 60_000, now: Date.now() });
    await connection.publish(m);
    await connection.publish(m);
    const consumer = closeLater(new CompileJobConsumer(connection, log, compile, { destination: queue, prefetch: 1 }).start());
    await eventually(() => consumer.status().consumed === 2 && consumer.status().compiling === 0, 15_000, 'both deliveries handled');
    assert.equal(consumer.status().duplicates, 1);
    const logged = await outcomes(log);
    assert.deepEqual(logged.map((e) => [e.type, e.id]), [['catalog_compiled', job.id]]);
    assert.deepEqual((logged[0] as CatalogCompiled).data.requestIds, ['r1']);
    await consumer.close();
    const peek = await rawClient(file.broker.url);
    assert.equal((await collect(peek, queue, 1, 500)).length, 0, 'both acknowledged');
  });

  it('a consumer whose connection drops before its ack: the broker redelivers the job to another, which answers it once', async () => {
    const { log, queue, compile } = instance();
    const job = jobOf(inputFor(await nodeWithFacts(log, 'web2'), ['r2']));
    const producer = await rawClient(file.broker.url);
    const m = compileJobMessage(job, { destination: queue, ttlMs: 60_000, now: Date.now() });
    await publishConfirmed(producer, queue, { ...m.headers }, m.body);
    // The first instance takes the job and dies (connection dropped) without acknowledging it.
    const first = await rawClient(file.broker.url);
    await new Promise<void>((resolve) => { first.subscribe(queue, () => resolve(), { ack: 'client-individual', 'activemq.prefetchSize': '1' }); });
    await first.deactivate({ force: true });
    const connection = closeLater(new StompConnection({ brokerUrl: file.broker.url }).start());
    const consumer = closeLater(new CompileJobConsumer(connection, log, compile, { destination: queue, prefetch: 1 }).start());
    await eventually(async () => (await outcomes(log)).length === 1 && consumer.status().compiling === 0, 15_000, 'the redelivered job compiled');
    assert.deepEqual({ consumed: consumer.status().consumed, redelivered: consumer.status().redelivered }, { consumed: 1, redelivered: 1 });
    assert.equal((await outcomes(log))[0]!.id, job.id);
  });

  it('an instance that logged the outcome but died before its ack: the redelivery is a log duplicate, then acknowledged', async () => {
    const { log, queue, compile } = instance();
    const input = inputFor(await nodeWithFacts(log, 'web3'), ['r3']);
    const job = jobOf(input);
    // What the dead instance did: compiled and logged under the job id.
    await log.append([{ event: (await compile(input, job.id)).event }]);
    const connection = closeLater(new StompConnection({ brokerUrl: file.broker.url }).start());
    await connection.publish(compileJobMessage(job, { destination: queue, ttlMs: 60_000, now: Date.now() }));
    const consumer = closeLater(new CompileJobConsumer(connection, log, compile, { destination: queue, prefetch: 1 }).start());
    await eventually(() => consumer.status().duplicates === 1 && consumer.status().compiling === 0, 15_000, 'the duplicate');
    assert.equal((await outcomes(log)).length, 1);
    await consumer.close();
    assert.equal((await collect(await rawClient(file.broker.url), queue, 1, 500)).length, 0, 'acknowledged');
  });

  it('a job whose compile keeps failing is tried again unacknowledged, and given up (acknowledged, nothing logged) once it expires', async () => {
    const { log, queue } = instance();
    const job = jobOf(inputFor(await nodeWithFacts(log, 'web7'), ['r7']));
    const connection = closeLater(new StompConnection({ brokerUrl: file.broker.url }).start());
    await connection.publish(compileJobMessage(job, { destination: queue, ttlMs: 1500, now: Date.now() }));
    // As when a cluster's actor worker dies with the job, every time.
    const dying = async (): Promise<never> => { throw new Error('actor worker died'); };
    const consumer = closeLater(new CompileJobConsumer(connection, log, dying, { destination: queue, prefetch: 1, retryDelayMs: 100 }).start());
    await eventually(() => consumer.status().expired === 1 && consumer.status().compiling === 0, 10_000, 'given up at its expiry');
    assert.ok(consumer.status().retried >= 2, `tried again meanwhile (${consumer.status().retried})`);
    assert.equal((await outcomes(log)).length, 0);
    await consumer.close();
    assert.equal((await collect(await rawClient(file.broker.url), queue, 1, 500)).length, 0, 'acknowledged');
  });

  it('a job that cannot be read is dead-lettered with the reason in headers, and nothing is logged', async () => {
    const { log, queue, compile } = instance();
    const connection = closeLater(new StompConnection({ brokerUrl: file.broker.url }).start());
    const dlq = `${queue}.dlq`;
    await connection.publish({ destination: queue, headers: { persistent: 'true', JMSXGroupID: 'web4', 'troupe-job-id': 'x' }, body: '{"version":1,"certname":"web4"}' });
    const consumer = closeLater(new CompileJobConsumer(connection, log, compile, { destination: queue, deadLetterDestination: dlq, prefetch: 1 }).start());
    const [dead] = await collect(await rawClient(file.broker.url), dlq, 1, 10_000);
    assert.ok(dead, 'a dead letter');
    assert.equal(dead.headers['troupe-error-code'], 'invalid_input');
    assert.match(dead.headers['troupe-error-reason'] ?? '', /requestIds/);
    assert.equal(dead.headers['troupe-original-destination'], queue);
    assert.equal(dead.headers['troupe-job-id'], 'x');
    assert.equal(dead.body, '{"version":1,"certname":"web4"}');
    await eventually(() => consumer.status().deadLettered === 1, 5000, 'counted');
    assert.equal((await outcomes(log)).length, 0);
  });

  it('two consumers of one queue split the jobs (message groups by node); every job is answered once', async () => {
    const a = instance();
    const b = { ...instance(), log: a.log, queue: a.queue };
    const nodes = Array.from({ length: 16 }, (_, i) => `node${i}`);
    const jobs = [];
    for (const certname of nodes) jobs.push(jobOf(inputFor(await nodeWithFacts(a.log, certname), [`req-${certname}`])));
    const consumers = [a, b].map((x) => {
      const connection = closeLater(new StompConnection({ brokerUrl: file.broker.url }).start());
      return { connection, consumer: closeLater(new CompileJobConsumer(connection, a.log, x.compile, { destination: a.queue, prefetch: 1 }).start()) };
    });
    await Promise.all(consumers.map((c) => c.connection.whenConnected()));
    const producer = closeLater(new StompConnection({ brokerUrl: file.broker.url }).start());
    await Promise.all(jobs.map((j) => producer.publish(compileJobMessage(j, { destination: a.queue, ttlMs: 60_000, now: Date.now() }))));
    await eventually(async () => (await outcomes(a.log)).length === jobs.length, 30_000, 'every job answered');
    const counts = consumers.map((c) => c.consumer.status().consumed);
    assert.ok(counts.every((c) => c > 0), `both consumed: ${counts.join(' + ')}`);
    assert.equal(counts[0]! + counts[1]!, jobs.length);
    assert.deepEqual(new Set((await outcomes(a.log)).map((e) => e.id)), new Set(jobs.map((j) => j.id)));
  });
});

describe('compile jobs over the broker: the publisher', () => {
  it('publishes, resolves with the outcome its log subscription brings (once per job, however often offered), and compiles locally while the broker is away', async () => {
    const { log, queue, compile, local } = instance();
    const facts = await nodeWithFacts(log, 'web5');
    const connection = closeLater(new StompConnection({ brokerUrl: file.broker.url }));
    const publisher = new CompileJobPublisher(connection, log, { destination: queue, ttlMs: 60_000, compilerName: 'builtin' });
    const step = offeredOrLocal(publisher.offer, local);
    // Not connected yet: declined, compiled here.
    assert.equal(await publisher.offer(inputFor(facts, ['r5a'])), undefined);
    const offline = await step(inputFor(facts, ['r5a']));
    assert.match(offline.hash ?? '', /^[0-9a-f]+$/);
    assert.deepEqual(publisher.status(), { published: 0, local: 2, timedOut: 0, outstanding: 0 });
    connection.start();
    await connection.whenConnected();
    const consumer = closeLater(new CompileJobConsumer(connection, log, compile, { destination: queue, prefetch: 1 }).start());
    const sub = log.subscribe({
      from: await log.head(),
      handler: (batch) => {
        for (const e of batch) if (e.type === 'catalog_compiled' || e.type === 'compile_failed') publisher.settle(e as RecordedEvent<CatalogCompiled> | RecordedEvent<CompileFailed>);
      },
    });
    const queued = await step(inputFor(facts, ['r5b']));
    assert.equal(queued.hash, offline.hash, 'same node, same facts: same catalog');
    assert.deepEqual(publisher.status(), { published: 1, local: 2, timedOut: 0, outstanding: 0 });
    assert.equal(consumer.status().consumed, 1);
    // The same job offered again while it is out (its actor restarted on another worker): one job, one outcome, both steps answered.
    const [x, y] = await Promise.all([publisher.offer(inputFor(facts, ['r5c'])), publisher.offer(inputFor(facts, ['r5c']))]);
    assert.deepEqual(x, { hash: offline.hash });
    assert.deepEqual(y, x);
    assert.deepEqual(publisher.status(), { published: 2, local: 2, timedOut: 0, outstanding: 0 });
    assert.equal(consumer.status().consumed, 2);
    await sub.close();
  });

  it('a job nobody answers in time is recorded as compile_timeout under its id (a late outcome would be its duplicate)', async () => {
    const { log, queue } = instance();
    const facts = await nodeWithFacts(log, 'web6');
    const connection = closeLater(new StompConnection({ brokerUrl: file.broker.url }).start());
    await connection.whenConnected();
    const publisher = new CompileJobPublisher(connection, log, { destination: queue, ttlMs: 300, giveUpMs: 500, compilerName: 'builtin' });
    const input = inputFor(facts, ['r6']);
    assert.deepEqual(await publisher.offer(input), { hash: null });
    const [failed] = await outcomes(log);
    assert.equal(failed!.id, jobOf(input).id);
    assert.equal((failed as CompileFailed).data.error.code, 'compile_timeout');
    assert.equal(publisher.status().timedOut, 1);
  });
});
