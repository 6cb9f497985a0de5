import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActorRegistry } from '../../../actors/router/actor-registry.js';
import { initialNodeState } from '../../../actors/node/node.decider.js';

describe('ActorRegistry', () => {
  // Memory stays bounded however many nodes pass through: idle actors
  // beyond maxActors are stopped, busy ones never.
  it('keeps at most maxActors idle actors while thousands of nodes pass through', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((r) => { release = r; });
    const registry = new ActorRegistry({
      mailboxCapacity: 8, maxActors: 50, idleMs: 60_000,
      load: async (certname) => initialNodeState(certname),
      compile: async ({ state }) => { if (state.certname === 'busy') await blocked; return { hash: 'h' }; },
    });
    const busy = registry.getOrSpawn('busy');
    busy.deliver({ kind: 'compile', requestIds: ['r'], environment: 'production', priority: 0, position: 1 });
    for (let i = 0; i < 2000; i++) {
      const a = registry.getOrSpawn(`node${i}`);
      a.deliver({ kind: 'compile', requestIds: [`r${i}`], environment: 'production', priority: 0, position: i });
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(registry.size <= 51, `registry holds ${registry.size} actors`);
    assert.equal(registry.get('busy'), busy, 'a busy actor is never stopped');
    release();
    registry.stopAll();
    assert.equal(registry.size, 0);
  });
});
