import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeStompCommand } from '../../../../actors/transport/stomp/stomp-command.decoder.js';
import type { StompSenderPolicy } from '../../../../actors/transport/stomp/stomp-sender-policy.js';
import { factsEvent } from '../../../support/events.fixture.js';
import { factsPayload } from '../../../support/brokers/stomp.fixture.js';

const now = new Date();
const names = fc.constantFrom('web1.example.com', 'web2.example.com', 'troupe', 'puppetserver');
const HEADER = 'JMSXUserID';

/** A valid command of one of the three body forms Troupe takes, for `certname`. */
function message(form: 'wire' | 'envelope' | 'event', certname: string): { headers: Record<string, string>; body: string } {
  const payload = factsPayload(certname);
  if (form === 'wire') return { headers: { command: 'replace_facts', version: '5', certname }, body: JSON.stringify(payload) };
  if (form === 'envelope') return { headers: {}, body: JSON.stringify({ command: 'replace_facts', version: 5, payload }) };
  return { headers: { 'troupe-event': 'true' }, body: JSON.stringify(factsEvent(certname)) };
}

describe('the STOMP sender policy (property)', () => {
  it('takes a message only from a trusted sender, or from the node it names sending PuppetDB commands; refuses the rest as forbidden', () => {
    fc.assert(fc.property(
      fc.constantFrom('wire' as const, 'envelope' as const, 'event' as const), names, fc.option(names, { nil: undefined }),
      fc.uniqueArray(names, { maxLength: 2 }),
      (form, certname, sender, trusted) => {
        const policy: StompSenderPolicy = { header: HEADER, trusted: new Set(trusted) };
        const m = message(form, certname);
        const headers = { ...m.headers, 'message-id': 'ID:1', ...(sender === undefined ? {} : { [HEADER]: sender }) };
        const open = decodeStompCommand(headers, m.body, now);
        const d = decodeStompCommand(headers, m.body, now, { senders: policy });
        const allowed = sender !== undefined && (trusted.includes(sender) || (form !== 'event' && sender === certname));
        assert.equal(open.type, 'accept', 'every generated message is valid without a policy');
        if (allowed) return assert.deepEqual(d, open);
        assert.equal(d.type, 'reject');
        assert.equal(d.type === 'reject' && d.code, 'forbidden');
        assert.match(d.type === 'reject' ? d.reason : '', sender === undefined ? /no sender identity/ : new RegExp(`sender ${sender.replace(/\./g, '\\.')}`));
      },
    ), { numRuns: 500 });
  });
});
