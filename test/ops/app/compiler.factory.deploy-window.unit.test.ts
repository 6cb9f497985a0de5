import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backgroundCompileThreads, deployWindow } from '../../../ops/app/compiler.factory.js';
import { loadConfig } from '../../../ops/config/troupe.config.js';

const config = (flags: Record<string, string>) => loadConfig({ compileConcurrency: '2', workers: '2', ...flags }, {});

describe('deploy window and background compile threads', () => {
  it('gives background compiles threads with the builtin or auto compiler and actor workers unless backgroundCompileNice is 0', () => {
    assert.equal(backgroundCompileThreads(config({ compiler: 'builtin' })), true);
    assert.equal(backgroundCompileThreads(config({ compiler: 'builtin', backgroundCompileNice: '0' })), false);
    assert.equal(backgroundCompileThreads(config({ compiler: 'builtin', workers: '0' })), false);
    assert.equal(backgroundCompileThreads(config({ compiler: 'auto' })), true);
    assert.equal(backgroundCompileThreads(config({ compiler: 'auto', backgroundCompileNice: '0' })), false);
    assert.equal(backgroundCompileThreads(config({ compiler: 'puppet' })), false);
    assert.equal(backgroundCompileThreads(config({ compiler: 'static' })), false);
  });

  it('defaults to every compile slot of all workers, four per slot with threads; a set window is kept', () => {
    assert.equal(deployWindow(config({ compiler: 'builtin' })), 16);
    assert.equal(deployWindow(config({ compiler: 'builtin', backgroundCompileNice: '0' })), 4);
    assert.equal(deployWindow(config({ compiler: 'auto' })), 16);
    assert.equal(deployWindow(config({ compiler: 'auto', backgroundCompileNice: '0' })), 4);
    assert.equal(deployWindow(config({ compiler: 'builtin', deployWindow: '3' })), 3);
  });
});
