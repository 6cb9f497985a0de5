import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeyedWaits } from '../../../core/async/keyed-waits.js';

describe('KeyedWaits', () => {
  it('resolves a wait with the answer settled for its key, once, and forgets it', async () => {
    const w = new KeyedWaits<string>();
    const a = w.wait('a', 10_000, 'timeout');
    const b = w.wait('b', 10_000, 'timeout');
    assert.equal(w.size, 2);
    w.settle('a', 'answer-a');
    w.settle('a', 'again');
    w.settle('nobody', 'ignored');
    assert.equal(await a, 'answer-a');
    assert.deepEqual([w.has('a'), w.has('b'), w.size], [false, true, 1]);
    w.settleAll('closed');
    assert.equal(await b, 'closed');
    assert.equal(w.size, 0);
  });

  it('resolves with the timeout answer at its deadline; a cancelled wait holds no timer', async () => {
    const w = new KeyedWaits<string>();
    const started = Date.now();
    assert.equal(await w.wait('slow', 30, 'timeout'), 'timeout');
    assert.ok(Date.now() - started >= 25);
    void w.wait('gone', 60_000, 'timeout');
    w.cancel('gone');
    assert.equal(w.size, 0); // the 60 s timer is cleared: the test process exits at once
  });
});
