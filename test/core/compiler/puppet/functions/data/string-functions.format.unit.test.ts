import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sprintf } from '../../../../../../core/compiler/puppet/functions/data/ruby-format.js';
import { versioncmp } from '../../../../../../core/compiler/puppet/functions/data/string.functions.js';

describe('sprintf', () => {
  it('formats Ruby directives', () => {
    assert.equal(sprintf('%s-%d-%05.2f', ['x', 42, 3.14159]), 'x-42-03.14');
    assert.equal(sprintf('%-5s|%5s|', ['ab', 'cd']), 'ab   |   cd|');
    assert.equal(sprintf('%x %o %03d %%', [255, 8, 7]), 'ff 10 007 %');
    assert.equal(sprintf('%+d %e', [5, 12345.678]), '+5 1.234568e+04');
  });
});

describe('versioncmp', () => {
  it('orders versions as Puppet::Util::Package does', () => {
    assert.equal(versioncmp('1.2.10', '1.2.9'), 1);
    assert.equal(versioncmp('1.0', '1.0'), 0);
    assert.equal(versioncmp('2.0-rc1', '2.0'), 1);
    assert.equal(versioncmp('1.9', '1.10'), -1);
    assert.equal(versioncmp('1.01', '1.1'), -1);
  });
});
