import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { humanLine } from '../../../ops/log/human-format.js';

describe('log lines for a terminal', () => {
  it('show time, level, message and the fields on one line', () => {
    const line = humanLine('{"level":"info","time":"2026-11-29T18:20:35.010Z","pid":1,"method":"POST","status":200,"note":"two words","msg":"POST /x 200"}\n');
    assert.equal(line, '18:20:35.010 INFO  POST /x 200 method=POST status=200 note="two words"\n');
  });

  it("put an error's stack on the lines after, and pass anything else through", () => {
    const line = humanLine(JSON.stringify({ level: 'error', time: '2026-11-29T18:20:35.010Z', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x' }, msg: 'failed' }));
    assert.equal(line, '18:20:35.010 ERROR failed\nError: boom\n    at x\n');
    assert.equal(humanLine('not json\n'), 'not json\n');
  });
});
