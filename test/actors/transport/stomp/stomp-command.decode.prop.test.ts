import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeStompCommand } from '../../../../actors/transport/stomp/stomp-command.decoder.js';
import { factsPayload } from '../../../support/brokers/stomp.fixture.js';

const now = new Date('2026-01-01T00:00:00Z');
const headerNames = fc.constantFrom('command', 'version', 'certname', 'troupe-event', 'content-type', 'troupe-event-id', 'x');
const json = fc.jsonValue().map((v) => JSON.stringify(v));
const nearlyFacts = fc.record({ certname: fc.constantFrom('web1', 'Bad Name', ''), i: fc.integer() })
  .chain(({ certname, i }) => fc.constantFrom(
    JSON.stringify(factsPayload(certname, i)),
    JSON.stringify({ command: 'replace_facts', version: 5, payload: factsPayload(certname, i) }),
    JSON.stringify({ ...factsPayload(certname, i), values: null }),
  ));

describe('decodeStompCommand (property)', () => {
  it('never throws; every message becomes one event whose id is the message id, or a rejection', () => {
    fc.assert(fc.property(
      fc.dictionary(headerNames, fc.oneof(fc.string(), fc.constantFrom('replace_facts', '5', 'true', 'web1'))),
      fc.oneof(fc.string(), json, nearlyFacts),
      (headers, body) => {
        const d = decodeStompCommand({ ...headers, 'message-id': 'ID:p-1' }, body, now);
        const expectedId = headers['troupe-event-id'] || 'ID:p-1';
        if (d.type === 'reject') {
          assert.equal(d.event.type, 'command_rejected');
          assert.equal(d.event.id, expectedId);
          assert.ok(d.event.stream === '$rejected' || /^[a-z0-9_][a-z0-9._-]*$/.test(d.event.stream));
          assert.ok(d.event.data.excerpt.length <= 512);
        } else if (headers['troupe-event'] !== 'true' && !headers['content-type']?.startsWith('application/vnd.troupe.event+json')) {
          assert.equal(d.event.id, expectedId);
          assert.equal(d.event.meta.source, 'stomp');
        }
      },
    ), { numRuns: 2000 });
  });
});
