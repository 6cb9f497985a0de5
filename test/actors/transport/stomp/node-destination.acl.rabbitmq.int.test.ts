import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client, IFrame } from '@stomp/stompjs';
import { startTestRabbitMq, type TestRabbitMq } from '../../../support/brokers/rabbitmq.js';
import { pdbCommandMessage } from '../../../../actors/transport/stomp/stomp-command.message.js';
import { senderPolicyIngest } from '../../../support/brokers/sender-policy.fixture.js';
import { closeAll, collect, factsPayload, publishConfirmed, rawClient } from '../../../support/brokers/stomp.fixture.js';

// The documented permissions themselves (docs/operations.md, "Broker ACLs"), on a real RabbitMQ.
const DEFINITIONS = join(import.meta.dirname, '../../../../docs/examples/brokers/rabbitmq-definitions.json');
const TROUPE = { login: 'troupe', passcode: 'troupe-secret' };
const WEB1 = { login: 'web1.example.com', passcode: 'web1-secret' };
const NODE = (n: string) => `/queue/troupe.node.${n}`;
// RabbitMQ's own STOMP queues are durable; Troupe's pusher and agents declare them so.
const DURABLE = { durable: 'true', 'auto-delete': 'false' };

let broker: TestRabbitMq;
const dir = mkdtempSync(join(tmpdir(), 'troupe-rabbitmq-acl-'));
before(async () => { broker = await startTestRabbitMq(61744, { definitions: DEFINITIONS }); });
after(async () => {
  await closeAll();
  await broker.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The broker's ERROR frame for what `act` does next, or null when none came within `ms`. */
function brokerError(client: Client, act: () => void, ms = 3000): Promise<IFrame | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    client.onStompError = (f) => { clearTimeout(timer); resolve(f); };
    act();
  });
}

describe('broker ACLs (RabbitMQ vhost permissions, the documented definitions)', () => {
  it("an agent's account reads its own node queue, not another's, and writes only to the commands exchange", async () => {
    const troupe = await rawClient(broker.url, TROUPE);
    for (const n of ['web1.example.com', 'web2.example.com']) await publishConfirmed(troupe, NODE(n), DURABLE, `catalog of ${n}`);

    const web1 = await rawClient(broker.url, WEB1);
    const own = await new Promise<string[]>((resolve) => {
      const sub = web1.subscribe(NODE('web1.example.com'), (m) => { sub.unsubscribe(); resolve([m.body]); }, DURABLE);
    });
    assert.deepEqual(own, ['catalog of web1.example.com']);

    // Reports go to the commands exchange; Troupe reads them from the commands queue bound to it, as ingestion subscribes.
    await publishConfirmed(web1, '/exchange/troupe.commands', {}, 'report from web1');
    assert.deepEqual((await collect(troupe, '/queue/troupe.commands', 1, 5000)).map((m) => m.body), ['report from web1']);

    const read = await brokerError(web1, () => web1.subscribe(NODE('web2.example.com'), () => assert.fail("web1 read web2's queue"), DURABLE));
    assert.match(`${read?.headers['message']} ${read?.body}`, /access_refused|ACCESS_REFUSED/);
    assert.match(`${read?.body}`, /troupe\.node\.web2\.example\.com/);

    const agent = await rawClient(broker.url, WEB1);
    const write = await brokerError(agent, () => agent.publish({ destination: NODE('web2.example.com'), body: 'forged catalog', headers: { ...DURABLE, receipt: 'r1' } }));
    assert.match(`${write?.headers['message']} ${write?.body}`, /access_refused|ACCESS_REFUSED/);
    // web2's catalog is still there, and only it.
    assert.deepEqual((await collect(troupe, NODE('web2.example.com'), 2, 2000)).map((m) => m.body), ['catalog of web2.example.com']);
  });

  it("with the sender policy on user-id, Troupe takes an agent's own commands and dead-letters the rest; the broker refuses a forged user-id", async () => {
    const troupe = await senderPolicyIngest(broker.url, 'user-id', dir);
    const web1 = await rawClient(broker.url, WEB1);
    // As `troupe agent --login` sends them: `user-id` is the login, which RabbitMQ checks.
    const facts = (certname: string, sender?: string) => pdbCommandMessage({
      command: 'replace_facts', certname, payload: factsPayload(certname), destination: '/exchange/troupe.commands', ...(sender ? { sender } : {}),
    });
    const send = (m: ReturnType<typeof facts>) => publishConfirmed(web1, m.destination, { ...m.headers }, m.body);
    await send(facts('web1.example.com', 'web1.example.com'));
    await send(facts('web2.example.com', 'web1.example.com'));
    await send(facts('web2.example.com'));

    assert.deepEqual(await troupe.accepted(3), ['web1.example.com']);
    assert.deepEqual(await troupe.deadLetters(2), [
      { certname: 'web2.example.com', code: 'forbidden', reason: 'no sender identity: the broker did not set the user-id header' },
      { certname: 'web2.example.com', code: 'forbidden', reason: 'sender web1.example.com may not send commands for web2.example.com' },
    ]);
    const forger = await rawClient(broker.url, WEB1);
    const forged = facts('web2.example.com', 'web2.example.com');
    const refused = await brokerError(forger, () => forger.publish({ destination: forged.destination, headers: { ...forged.headers, receipt: 'r2' }, body: forged.body }));
    assert.match(`${refused?.headers['message']} ${refused?.body}`, /user_id property set to 'web2\.example\.com' but authenticated user was 'web1\.example\.com'|PRECONDITION_FAILED/);
  });
});
