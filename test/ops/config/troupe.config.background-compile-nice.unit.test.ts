import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../ops/config/troupe.config.js';

describe('backgroundCompileNice setting', () => {
  it('is 19 by default, set by flag or environment from 0 (off) to 19, anything else refused', () => {
    assert.equal(loadConfig({}, {}).backgroundCompileNice, 19);
    assert.equal(loadConfig({ backgroundCompileNice: '0' }, {}).backgroundCompileNice, 0);
    assert.equal(loadConfig({}, { TROUPE_BACKGROUND_COMPILE_NICE: '10' }).backgroundCompileNice, 10);
    for (const bad of ['20', '-1', 'low', '1.5']) assert.throws(() => loadConfig({ backgroundCompileNice: bad }, {}), { code: 'config_invalid' }, bad);
  });
});
