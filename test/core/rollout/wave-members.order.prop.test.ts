import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { WaveSpec } from '../../../core/rollout/rollout-plan.js';
import { waveMembers } from '../../../core/rollout/wave-members.js';

const certnames = fc.uniqueArray(fc.stringMatching(/^[a-z0-9.]{1,12}$/), { maxLength: 60 });

describe('waveMembers', () => {
  it('takes exactly its share of the nodes not moved yet, whatever order they come in', () => {
    fc.assert(fc.property(certnames, fc.func(fc.boolean()), fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }), (nodes, isMoved, count, percent, total) => {
      const moved = new Set(nodes.filter((n) => isMoved(n)));
      const open = nodes.filter((n) => !moved.has(n));
      const shuffled = [...nodes].reverse();
      const specs: WaveSpec[] = [{ kind: 'count', count }, { kind: 'percent', percent }, { kind: 'rest' }];
      const wants = [Math.min(count, open.length), Math.min(Math.max(1, Math.ceil((percent * total) / 100)), open.length), open.length];
      specs.forEach((spec, i) => {
        const members = waveMembers(spec, { nodes, moved, total });
        assert.equal(members.length, wants[i]);
        assert.ok(members.every((m) => open.includes(m)), 'only nodes not moved yet');
        assert.deepEqual(members, [...members].sort(), 'sorted');
        assert.deepEqual(waveMembers(spec, { nodes: shuffled, moved, total }), members, 'stable: the same nodes whatever the order they are listed in');
      });
    }));
  });

  it('a selector wave takes exactly the selected nodes not moved yet', () => {
    fc.assert(fc.property(certnames, fc.func(fc.boolean()), fc.func(fc.boolean()), (nodes, isMoved, isSelected) => {
      const moved = new Set(nodes.filter((n) => isMoved(n)));
      const selected = new Set([...nodes.filter((n) => isSelected(n)), 'not-in-the-environment']);
      const members = waveMembers({ kind: 'selector', text: 'dc=dc1', condition: ['=', 'facts.dc', 'dc1'] }, { nodes, moved, selected, total: nodes.length });
      assert.deepEqual(members, nodes.filter((n) => !moved.has(n) && selected.has(n)).sort());
    }));
  });

  it('a larger count takes the smaller one\'s nodes and more (canaries stay canaries)', () => {
    fc.assert(fc.property(certnames, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 30 }), (nodes, a, extra) => {
      const small = waveMembers({ kind: 'count', count: a }, { nodes, moved: new Set(), total: nodes.length });
      const big = new Set(waveMembers({ kind: 'count', count: a + extra }, { nodes, moved: new Set(), total: nodes.length }));
      assert.ok(small.every((n) => big.has(n)));
    }));
  });
});
