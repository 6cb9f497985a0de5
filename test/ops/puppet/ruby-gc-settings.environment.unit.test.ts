import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RUBY_GC_SETTINGS, rubyEnvironment } from '../../../ops/puppet/ruby-gc-settings.js';

describe("Ruby compile processes' environment", () => {
  it("adds the GC settings to Troupe's own environment", () => {
    const env = rubyEnvironment({ PATH: '/usr/bin', LANG: 'C.UTF-8' });
    assert.equal(env['PATH'], '/usr/bin');
    assert.equal(env['LANG'], 'C.UTF-8');
    assert.equal(env['RUBY_GC_HEAP_INIT_SLOTS'], RUBY_GC_SETTINGS['RUBY_GC_HEAP_INIT_SLOTS']);
  });

  it('leaves a setting the operator made in Troupe\'s environment as it is', () => {
    assert.equal(rubyEnvironment({ RUBY_GC_HEAP_INIT_SLOTS: '2000000' })['RUBY_GC_HEAP_INIT_SLOTS'], '2000000');
  });
});
