import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NodePriorities } from '../../../actors/router/node-priorities.js';
import { parsePriorityClasses } from '../../../core/priority/priority-classes.js';

describe('NodePriorities', () => {
  it('follows each node’s newest facts and remembers only the nodes a fact selector covers, within its bound', () => {
    const p = new NodePriorities(parsePriorityClasses('critical:role=db,db-*;high:tier=front'), { maxRemembered: 2 });
    assert.equal(p.of('db-7'), 9, 'certname globs need no facts');
    p.observe('a', { role: 'db' });
    p.observe('b', { tier: 'front' });
    p.observe('c', { role: 'web' });
    assert.deepEqual([p.of('a'), p.of('b'), p.of('c'), p.remembered], [9, 6, 0, 2]);
    p.observe('a', { role: 'web' });
    assert.equal(p.of('a'), 0, 'facts that no longer match drop the class');
    p.observe('d', { role: 'db' });
    p.observe('e', { role: 'db' });
    assert.equal(p.remembered, 2);
    assert.equal(p.of('b'), 0, 'the longest-remembered is forgotten past the bound');
    assert.deepEqual([p.of('d'), p.of('e')], [9, 9]);
  });

  it('is seeded from storeconfigs through its fact selectors', () => {
    const p = new NodePriorities(parsePriorityClasses('critical:role=db;high:db1'));
    assert.deepEqual(p.factSelectors, [['role', 'db', 9]]);
    p.seed('x', 9);
    assert.equal(p.of('x'), 9);
  });
});
