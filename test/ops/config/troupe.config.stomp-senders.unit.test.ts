import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../ops/config/troupe.config.js';

describe('STOMP sender policy settings', () => {
  it('are off by default; a header and trusted accounts come from the file or the environment', () => {
    const none = loadConfig({}, {});
    assert.deepEqual([none.stompSenderHeader, none.stompTrustedSenders], ['', []]);
    const set = loadConfig({ stompSenderHeader: 'JMSXUserID' }, { TROUPE_STOMP_TRUSTED_SENDERS: 'troupe, puppetserver' });
    assert.deepEqual([set.stompSenderHeader, set.stompTrustedSenders], ['JMSXUserID', ['troupe', 'puppetserver']]);
  });

  it('refuses trusted senders without a header to name them', () => {
    assert.throws(() => loadConfig({ stompTrustedSenders: 'troupe' }, {}), { code: 'config_invalid', message: /--stomp-trusted-senders: needs --stomp-sender-header/ });
  });
});
