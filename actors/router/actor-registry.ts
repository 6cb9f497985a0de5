import { NodeActor } from '../node/node.actor.js';
import type { CompileInput, CompileOutput } from '../node/node.machine.js';
import type { NodeState } from '../node/node.decider.js';

export interface ActorRegistryOptions {
  readonly mailboxCapacity: number;
  readonly maxActors: number;
  readonly idleMs: number;
  load(certname: string): Promise<NodeState>;
  compile(input: CompileInput): Promise<CompileOutput>;
}

/**
 * Live node actors, created on demand. Memory stays bounded however many
 * nodes the fleet has: idle actors stop after `idleMs`, and above
 * `maxActors` the least recently active idle ones stop at once. Busy
 * actors are never stopped; their number is bounded by admission control.
 */
export class ActorRegistry {
  // A Map iterates in insertion order; re-inserting on use makes it an LRU.
  private readonly actors = new Map<string, NodeActor>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: ActorRegistryOptions) {
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, options.idleMs / 4));
    this.sweeper.unref();
  }

  get size(): number {
    return this.actors.size;
  }

  get busy(): number {
    let n = 0;
    for (const a of this.actors.values()) if (a.busy) n++;
    return n;
  }

  get(certname: string): NodeActor | undefined {
    return this.actors.get(certname);
  }

  getOrSpawn(certname: string): NodeActor {
    const existing = this.actors.get(certname);
    if (existing) {
      this.actors.delete(certname);
      this.actors.set(certname, existing);
      return existing;
    }
    const actor = new NodeActor(certname, {
      mailboxCapacity: this.options.mailboxCapacity,
      load: this.options.load,
      compile: this.options.compile,
      onIdle: () => this.trim(),
    });
    this.actors.set(certname, actor);
    return actor;
  }

  private trim(): void {
    if (this.actors.size <= this.options.maxActors) return;
    for (const [name, actor] of this.actors) {
      if (this.actors.size <= this.options.maxActors) return;
      if (!actor.busy) this.remove(name, actor);
    }
  }

  private sweep(): void {
    const cutoff = Date.now() - this.options.idleMs;
    for (const [name, actor] of this.actors) {
      if (!actor.busy && actor.lastActive < cutoff) this.remove(name, actor);
    }
  }

  private remove(name: string, actor: NodeActor): void {
    actor.stop();
    this.actors.delete(name);
  }

  /** Stops the actors of the nodes `which` selects, busy or not (their shard moved to another instance). */
  stopWhere(which: (certname: string) => boolean): void {
    for (const [name, actor] of this.actors) if (which(name)) this.remove(name, actor);
  }

  stopAll(): void {
    clearInterval(this.sweeper);
    for (const [name, actor] of this.actors) this.remove(name, actor);
  }
}
