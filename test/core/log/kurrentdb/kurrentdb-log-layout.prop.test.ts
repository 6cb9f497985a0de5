import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { kurrentEventId } from '../../../../core/log/kurrentdb/kurrentdb-log-layout.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('kurrentEventId', () => {
  it('keeps a UUID (lowercased) as the KurrentDB event id', () => {
    const id = randomUUID();
    assert.equal(kurrentEventId(id.toUpperCase()), id);
  });

  // Any Troupe id maps to a UUID, the same one every time, and distinct ids to distinct UUIDs.
  it('maps any other id to a stable, distinct, version-5 layout UUID', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
      fc.pre(!UUID.test(a) && !UUID.test(b));
      assert.match(kurrentEventId(a), UUID);
      assert.equal(kurrentEventId(a)[14], '5');
      assert.equal(kurrentEventId(a), kurrentEventId(a));
      if (a !== b) assert.notEqual(kurrentEventId(a), kurrentEventId(b));
    }));
  });
});
