import assert from 'node:assert/strict';
import { getPriority } from 'node:os';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { yieldToOtherThreads } from '../../../core/threads/thread-priority.js';

const moduleUrl = new URL('../../../core/threads/thread-priority.ts', import.meta.url).href;

/** Runs yieldToOtherThreads(increment) on a new worker thread: its answer and the thread's nice value after. */
function onAThread(increment: number): Promise<{ answer: number | null; after: number }> {
  const code = `import('tsx/esm/api').then(async (t) => {
    t.register();
    const { yieldToOtherThreads } = await import(${JSON.stringify(moduleUrl)});
    const { getPriority } = await import('node:os');
    const { parentPort } = await import('node:worker_threads');
    const answer = yieldToOtherThreads(${increment});
    parentPort.postMessage({ answer, after: getPriority(0) });
  })`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true });
    w.once('message', (m) => { resolve(m as { answer: number | null; after: number }); void w.terminate(); });
    w.once('error', reject);
  });
}

describe('yieldToOtherThreads', { skip: process.platform !== 'linux' && 'per-thread nice is Linux only' }, () => {
  it("lowers only the calling thread's priority, relative to where it was, capped at 19", async () => {
    const before = getPriority(0);
    const { answer, after } = await onAThread(3);
    assert.equal(answer, Math.min(19, before + 3));
    assert.equal(after, answer, 'the worker thread is niced');
    assert.equal(getPriority(0), before, 'the main thread (and so the process) is not');
    assert.equal((await onAThread(100)).after, 19);
  });

  it('does nothing for an increment of 0 or on another platform (where it would nice the whole process)', () => {
    const before = getPriority(0);
    assert.equal(yieldToOtherThreads(0), null);
    assert.equal(yieldToOtherThreads(5, 'darwin'), null);
    assert.equal(yieldToOtherThreads(5, 'win32'), null);
    assert.equal(getPriority(0), before);
  });
});
