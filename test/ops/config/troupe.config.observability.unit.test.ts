import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../ops/config/troupe.config.js';

describe('observability settings', () => {
  it('logLevel: info by default; a level from the flag or TROUPE_LOG_LEVEL; anything else refused naming where it came from', () => {
    assert.equal(loadConfig({}, {}).logLevel, 'info');
    assert.equal(loadConfig({ logLevel: 'debug' }, {}).logLevel, 'debug');
    assert.equal(loadConfig({}, { TROUPE_LOG_LEVEL: 'silent' }).logLevel, 'silent');
    assert.throws(() => loadConfig({ logLevel: 'loud' }, {}), /--log-level.*expected one of fatal, error, warn, info, debug, trace, silent, got "loud"/);
    assert.throws(() => loadConfig({}, { TROUPE_LOG_LEVEL: 'INFO' }), /TROUPE_LOG_LEVEL/);
  });

  it('metricsCertnames: none by default, a comma-separated list', () => {
    assert.deepEqual(loadConfig({}, {}).metricsCertnames, []);
    assert.deepEqual(loadConfig({ metricsCertnames: 'prom.example.com, prom2.example.com' }, {}).metricsCertnames, ['prom.example.com', 'prom2.example.com']);
  });
});
