import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../ops/config/troupe.config.js';

describe('deployAdaptive setting', () => {
  it('is on by default; off from a flag or the environment; anything but true/false is refused', () => {
    assert.equal(loadConfig({}, {}).deployAdaptive, true);
    assert.equal(loadConfig({ deployAdaptive: 'false' }, {}).deployAdaptive, false);
    assert.equal(loadConfig({}, { TROUPE_DEPLOY_ADAPTIVE: 'false' }).deployAdaptive, false);
    assert.throws(() => loadConfig({ deployAdaptive: 'maybe' }, {}), { code: 'config_invalid' });
  });
});
