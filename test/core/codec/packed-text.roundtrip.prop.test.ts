import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { PACK_MIN_LENGTH, packText, unpackText } from '../../../core/codec/packed-text.js';

/** Any text, long enough to be packed or not, repetitive (as JSON is) or not. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.tuple(fc.string({ unit: 'grapheme', maxLength: 50 }), fc.integer({ min: 1, max: 200 })).map(([s, n]) => s.repeat(n)),
  fc.jsonValue().map((v) => JSON.stringify(v).repeat(30)),
);

describe('packed text', () => {
  // Invariant: whatever is packed unpacks to the same text, also after a round trip through SQLite.
  it('unpacks to the text it was given, stored or not', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, data TEXT NOT NULL)');
    const put = db.prepare('INSERT INTO t (data) VALUES (?)');
    const get = db.prepare('SELECT data FROM t WHERE id = ?').pluck();
    fc.assert(fc.property(text, (s) => {
      const packed = packText(s);
      assert.equal(unpackText(packed), s);
      const id = put.run(packed).lastInsertRowid;
      assert.equal(unpackText(get.get(id) as string | Buffer), s);
    }));
    db.close();
  });

  it('packs long repetitive text smaller, leaves short or unencodable text as is', () => {
    const json = JSON.stringify({ resources: Array.from({ length: 100 }, (_, i) => ({ type: 'File', title: `/etc/f${i}`, tags: ['file', 'class'] })) });
    const packed = packText(json);
    assert.ok(packed instanceof Uint8Array && packed.length * 5 < json.length);
    assert.equal(packText('x'.repeat(PACK_MIN_LENGTH - 1)), 'x'.repeat(PACK_MIN_LENGTH - 1));
    const lone = `${'a'.repeat(PACK_MIN_LENGTH)}\ud800`;
    assert.equal(packText(lone), lone);
  });

  it('refuses damaged bytes instead of answering other text', () => {
    const packed = packText('{"a":1}'.repeat(500)) as Uint8Array;
    const damaged = Buffer.from(packed);
    damaged[damaged.length - 1]! ^= 0xff;
    assert.throws(() => unpackText(damaged));
  });
});
