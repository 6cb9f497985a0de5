import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdmissionController } from '../../../actors/admission/admission-controller.js';

describe('AdmissionController critical reserve', () => {
  it('admits critical requests past a shut gate up to highWater + criticalReserve, and nobody else', () => {
    const a = new AdmissionController({ highWater: 4, criticalReserve: 2 });
    for (let i = 0; i < 4; i++) assert.ok(a.reserve(`o${i}`));
    assert.equal(a.open, false);
    assert.equal(a.reserve('ordinary'), false);
    assert.equal(a.reserve('high', 8), false, 'only critical (9) uses the reserve');
    assert.ok(a.reserve('c1', 9));
    assert.ok(a.reserve('c2', 9));
    assert.equal(a.criticalRoom, false);
    assert.equal(a.reserve('c3', 9), false, 'the reserve is bounded too');
    assert.equal(a.pending, 6);
  });

  it('defaults the reserve to an eighth of highWater, at least 1', () => {
    assert.equal(new AdmissionController({ highWater: 256 }).criticalReserve, 32);
    assert.equal(new AdmissionController({ highWater: 4 }).criticalReserve, 1);
  });
});
