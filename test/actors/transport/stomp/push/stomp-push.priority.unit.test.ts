import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogMessage, DEFAULT_STOMP_PUSH_OPTIONS } from '../../../../../actors/transport/stomp/stomp-push.js';
import { compiledEvent, puppetCatalog } from '../../../../support/brokers/stomp.fixture.js';

describe('catalogMessage priority', () => {
  it("goes out at the higher of the push priority and the node's class", () => {
    const e = (n: string) => compiledEvent(puppetCatalog(n, '/tmp'), 'h', null);
    const options = { ...DEFAULT_STOMP_PUSH_OPTIONS, priorityOf: (c: string) => (c.startsWith('db') ? 9 : c.startsWith('web') ? 6 : 0) };
    assert.equal(catalogMessage(e('db1.test'), options, 0).headers?.['priority'], '9');
    assert.equal(catalogMessage(e('web1.test'), options, 0).headers?.['priority'], '6');
    assert.equal(catalogMessage(e('x1.test'), options, 0).headers?.['priority'], '4');
    assert.equal(catalogMessage(e('db1.test'), DEFAULT_STOMP_PUSH_OPTIONS, 0).headers?.['priority'], '4');
  });
});
