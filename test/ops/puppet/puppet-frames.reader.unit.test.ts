import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FrameReader } from '../../../ops/puppet/puppet-frames.js';

describe('FrameReader', () => {
  it('splits frames however the pipe chunks them', () => {
    const text = '{"type":"ready","pid":1,"puppet":"7.23.0"}\n{"type":"error","id":1,"error":{"message":"a\\nb"}}\n';
    for (let cut = 1; cut < text.length; cut++) {
      const reader = new FrameReader(1024);
      const frames = [...reader.push(Buffer.from(text.slice(0, cut))), ...reader.push(Buffer.from(text.slice(cut)))];
      assert.deepEqual(frames.map((f) => f.type), ['ready', 'error'], `cut at ${cut}`);
    }
  });

  it('refuses a frame longer than its bound instead of buffering it', () => {
    const reader = new FrameReader(10);
    reader.push(Buffer.from('{"type":'));
    assert.throws(() => reader.push(Buffer.from('"catalog","id":1')), RangeError);
  });
});
