import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodesQuery } from '../../../../ops/cli/data/nodes.command.js';

describe('troupe nodes --query: the query it sends', () => {
  it('wraps a bare condition as an inventory query and keeps a full PQL query as it is', () => {
    assert.equal(nodesQuery(undefined), 'nodes[certname] {}');
    assert.equal(nodesQuery('facts.os.family = "Debian"'), 'inventory[certname] { facts.os.family = "Debian" }');
    assert.equal(nodesQuery('nodes[certname] { certname ~ "web" }'), 'nodes[certname] { certname ~ "web" }');
    assert.equal(nodesQuery('resources { type = "Class" }'), 'resources { type = "Class" }');
  });
});
