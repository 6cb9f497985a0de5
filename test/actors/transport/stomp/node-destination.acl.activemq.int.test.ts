import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Client, IFrame } from '@stomp/stompjs';
import { pdbCommandMessage } from '../../../../actors/transport/stomp/stomp-command.message.js';
import { senderPolicyIngest } from '../../../support/brokers/sender-policy.fixture.js';
import { collect, factsPayload, publishConfirmed, rawClient, stompTestFile } from '../../../support/brokers/stomp.fixture.js';

// The documented ACL itself (docs/operations.md, "Broker ACLs"), on a real ActiveMQ.
const ACL = join(import.meta.dirname, '../../../../docs/examples/brokers/activemq-acl.xml');
const file = stompTestFile('acl', 61742, { reuse: false, plugins: ACL });
const TROUPE = { login: 'troupe', passcode: 'troupe-secret' };
const WEB1 = { login: 'web1.example.com', passcode: 'web1-secret' };
const NODE = (n: string) => `/queue/troupe.node.${n}`;

/** The broker's ERROR frame for what `act` does next, or null when none came within `ms`. */
function brokerError(client: Client, act: () => void, ms = 3000): Promise<IFrame | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    client.onStompError = (f) => { clearTimeout(timer); resolve(f); };
    act();
  });
}

describe('broker ACLs (ActiveMQ authorizationPlugin, the documented example)', () => {
  it("an agent's account reads its own node destination, not another node's, and writes only to the commands queue", async () => {
    const troupe = await rawClient(file.broker.url, TROUPE);
    for (const n of ['web1.example.com', 'web2.example.com']) await publishConfirmed(troupe, NODE(n), {}, `catalog of ${n}`);

    const web1 = await rawClient(file.broker.url, WEB1);
    assert.deepEqual((await collect(web1, NODE('web1.example.com'), 1, 5000)).map((m) => m.body), ['catalog of web1.example.com']);

    // Reports go to the commands queue, and Troupe's account reads them there.
    await publishConfirmed(web1, '/queue/troupe.commands', {}, 'report from web1');
    assert.deepEqual((await collect(troupe, '/queue/troupe.commands', 1, 5000)).map((m) => m.body), ['report from web1']);

    const read = await brokerError(web1, () => web1.subscribe(NODE('web2.example.com'), () => assert.fail('web1 read web2\'s destination')));
    assert.match(`${read?.headers['message']} ${read?.body}`, /not authorized to read from: queue:\/\/troupe\.node\.web2\.example\.com/);
    // web2's catalog is still there, for web2.
    assert.deepEqual((await collect(troupe, NODE('web2.example.com'), 1, 5000)).map((m) => m.body), ['catalog of web2.example.com']);

    const agent = await rawClient(file.broker.url, WEB1);
    const write = await brokerError(agent, () => agent.publish({ destination: NODE('web2.example.com'), body: 'forged catalog', headers: { receipt: 'r1' } }));
    assert.match(`${write?.headers['message']} ${write?.body}`, /not authorized to write to: queue:\/\/troupe\.node\.web2\.example\.com/);
  });

  it("an agent's account can neither take compile jobs nor publish them: troupe.compile is Troupe's own", async () => {
    const troupe = await rawClient(file.broker.url, TROUPE);
    await publishConfirmed(troupe, '/queue/troupe.compile', {}, 'a compile job');
    const web1 = await rawClient(file.broker.url, WEB1);
    const read = await brokerError(web1, () => web1.subscribe('/queue/troupe.compile', () => assert.fail('web1 read a compile job')));
    assert.match(`${read?.headers['message']} ${read?.body}`, /not authorized to read from: queue:\/\/troupe\.compile/);
    const agent = await rawClient(file.broker.url, WEB1);
    const write = await brokerError(agent, () => agent.publish({ destination: '/queue/troupe.compile', body: 'forged job', headers: { receipt: 'r2' } }));
    assert.match(`${write?.headers['message']} ${write?.body}`, /not authorized to write to: queue:\/\/troupe\.compile/);
    assert.deepEqual((await collect(troupe, '/queue/troupe.compile', 2, 3000)).map((m) => m.body), ['a compile job']);
  });

  it('refuses an agent with a wrong password, and anonymous clients', async () => {
    await assert.rejects(rawClient(file.broker.url, { ...WEB1, passcode: 'wrong' }), /cannot connect/);
    await assert.rejects(rawClient(file.broker.url), /cannot connect/);
  });

  it("with the sender policy on JMSXUserID, Troupe takes an agent's own commands and dead-letters those naming another node, forged headers or not", async () => {
    const troupe = await senderPolicyIngest(file.broker.url, 'JMSXUserID', file.dir);
    const web1 = await rawClient(file.broker.url, WEB1);
    const facts = (certname: string) => pdbCommandMessage({ command: 'replace_facts', certname, payload: factsPayload(certname) });
    const send = (m: ReturnType<typeof facts>, forged: Record<string, string> = {}) => publishConfirmed(web1, m.destination, { ...m.headers, ...forged }, m.body);
    await send(facts('web1.example.com'));
    await send(facts('web2.example.com'));
    // The broker overwrites a JMSXUserID the client sends (populateJMSXUserID): forging it gains nothing.
    await send(facts('web2.example.com'), { JMSXUserID: 'web2.example.com', 'user-id': 'troupe' });
    const own = await rawClient(file.broker.url, TROUPE);
    const m = facts('db1.example.com');
    await publishConfirmed(own, m.destination, { ...m.headers }, m.body);

    assert.deepEqual(await troupe.accepted(4), ['db1.example.com', 'web1.example.com']);
    assert.deepEqual(await troupe.deadLetters(2), [
      { certname: 'web2.example.com', code: 'forbidden', reason: 'sender web1.example.com may not send commands for web2.example.com' },
      { certname: 'web2.example.com', code: 'forbidden', reason: 'sender web1.example.com may not send commands for web2.example.com' },
    ]);
  });
});
