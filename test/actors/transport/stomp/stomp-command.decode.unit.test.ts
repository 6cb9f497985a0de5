import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brokerKeepsMessageIds, contentEventId, decodeStompCommand } from '../../../../actors/transport/stomp/stomp-command.decoder.js';
import { factsEvent } from '../../../support/events.fixture.js';
import { factsPayload } from '../../../support/brokers/stomp.fixture.js';

const now = new Date();
const h = (extra: Record<string, string> = {}) => ({ 'message-id': 'ID:m-1', destination: '/queue/troupe.commands', ...extra });

describe('decodeStompCommand', () => {
  it('decodes the PuppetDB wire format from command/version headers, keyed by message-id', () => {
    const d = decodeStompCommand(h({ command: 'replace_facts', version: '5', certname: 'web1' }), JSON.stringify(factsPayload('web1')), now);
    assert.equal(d.type, 'accept');
    assert.equal(d.event.type, 'facts_submitted');
    assert.equal(d.event.id, 'ID:m-1');
    assert.equal(d.event.stream, 'web1');
    assert.equal(d.event.meta.source, 'stomp');
  });

  it('on a broker whose message-id changes on redelivery (RabbitMQ), keys a command by its content', () => {
    assert.equal(brokerKeepsMessageIds('ActiveMQ/5.17.6'), true);
    assert.equal(brokerKeepsMessageIds(undefined), true);
    assert.equal(brokerKeepsMessageIds('RabbitMQ/3.10.8'), false);
    const headers = (messageId: string) => h({ 'message-id': messageId, command: 'replace_facts', version: '5', certname: 'web1' });
    const body = JSON.stringify(factsPayload('web1'));
    const first = decodeStompCommand(headers('T_sub-0@@session-a@@1'), body, now, { messageIdsStable: false });
    const redelivered = decodeStompCommand(headers('T_sub-0@@session-b@@1'), body, now, { messageIdsStable: false });
    assert.equal(first.event.id, redelivered.event.id);
    assert.match(first.event.id, /^sha256:[0-9a-f]{64}$/);
    assert.notEqual(contentEventId(headers('x'), JSON.stringify(factsPayload('web1', 1))), first.event.id);
    assert.notEqual(contentEventId({ ...headers('x'), certname: 'web2' }, body), first.event.id);
    const named = decodeStompCommand({ ...headers('T_sub-0@@session-a@@1'), 'troupe-event-id': 'f-1' }, body, now, { messageIdsStable: false });
    assert.equal(named.event.id, 'f-1');
  });

  it('prefers the producer-supplied troupe-event-id', () => {
    const d = decodeStompCommand(h({ command: 'replace facts', version: '5', 'troupe-event-id': 'e-42' }), JSON.stringify(factsPayload('web1')), now);
    assert.equal(d.type, 'accept');
    assert.equal(d.event.id, 'e-42');
  });

  it('decodes an envelope body', () => {
    const body = JSON.stringify({ command: 'deactivate_node', version: 3, certname: 'db1', payload: { certname: 'db1', producer_timestamp: now.toISOString() } });
    const d = decodeStompCommand(h(), body, now);
    assert.equal(d.type, 'accept');
    assert.equal(d.event.type, 'node_deactivated');
  });

  it('decodes a Troupe event and keeps its own id', () => {
    const e = factsEvent('web2');
    const d = decodeStompCommand(h({ 'troupe-event': 'true' }), JSON.stringify(e), now);
    assert.equal(d.type, 'accept');
    assert.equal(d.event.id, e.id);
    assert.equal(d.event.meta.source, 'stomp');
  });

  it('rejects, never throws: not JSON, unknown command, wrong version, wrong schema, certname mismatch', () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [h(), '{nope', '$rejected'],
      [h({ command: 'replace_everything', version: '1' }), JSON.stringify(factsPayload('a1')), 'a1'],
      [h({ command: 'replace_facts', version: '4', certname: 'a2' }), JSON.stringify(factsPayload('a2')), 'a2'],
      [h({ command: 'replace_facts', version: '5' }), JSON.stringify({ certname: 'a3' }), 'a3'],
      [h({ command: 'replace_facts', version: '5', certname: 'a4' }), JSON.stringify(factsPayload('a5')), 'a4'],
      [h(), JSON.stringify({ hello: 'world' }), '$rejected'],
      [h({ 'troupe-event': 'true' }), JSON.stringify({ type: 'catalog_compiled' }), '$rejected'],
      [h({ command: 'replace_facts', version: '5' }), `${'['.repeat(5000)}${']'.repeat(5000)}`, '$rejected'],
      [h({ command: 'replace_facts', version: '5' }), JSON.stringify({ ...factsPayload('a6'), producer_timestamp: '2099-01-01T00:00:00Z' }), 'a6'],
    ];
    for (const [headers, body, stream] of cases) {
      const d = decodeStompCommand(headers, body, now);
      assert.equal(d.type, 'reject', body);
      assert.equal(d.event.type, 'command_rejected');
      assert.equal(d.event.id, 'ID:m-1');
      assert.equal(d.event.stream, stream, body);
      if (d.type === 'reject') assert.equal(d.code, 'invalid_input');
    }
  });
});
