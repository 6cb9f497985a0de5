import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../ops/config/troupe.config.js';

describe('operator role settings', () => {
  it('deployerCertnames and readOnlyCertnames: none by default, comma-separated lists from the file or the environment', () => {
    const none = loadConfig({}, {});
    assert.deepEqual([none.deployerCertnames, none.readOnlyCertnames], [[], []]);
    assert.deepEqual(loadConfig({ deployerCertnames: 'ops1.example.com, ops2.example.com' }, {}).deployerCertnames, ['ops1.example.com', 'ops2.example.com']);
    assert.deepEqual(loadConfig({}, { TROUPE_READ_ONLY_CERTNAMES: 'audit.example.com' }).readOnlyCertnames, ['audit.example.com']);
  });
});
