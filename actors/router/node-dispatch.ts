import type { NodeMessage } from '../node/node.messages.js';
import { ActorRegistry, type ActorRegistryOptions } from './actor-registry.js';
import { inShards, type ShardSet } from './node-ownership.js';

/**
 * Where the router's messages go: actors in this process, or actors sharded
 * over cluster workers. `spawn` says whether the message is work (which
 * creates an actor) or a state change (which only reaches live actors).
 */
export interface NodeDispatch {
  deliver(certname: string, message: NodeMessage, spawn: boolean): Promise<void>;
  /** Code was deployed: every compiler behind this dispatch drops its cached code. */
  codeDeployed(environment: string): void;
  /**
   * This instance no longer owns these shards' nodes: their actors stop (a
   * compile already running still appends its outcome, which answers its
   * requests once however many are appended).
   */
  release(lost: ShardSet): void;
  stats(): { readonly actors: number; readonly busyActors: number };
  close(): Promise<void>;
}

/** Actors in this process. */
export class LocalDispatch implements NodeDispatch {
  private readonly registry: ActorRegistry;

  constructor(options: ActorRegistryOptions, private readonly invalidate: (environment: string) => void) {
    this.registry = new ActorRegistry(options);
  }

  async deliver(certname: string, message: NodeMessage, spawn: boolean): Promise<void> {
    const actor = spawn ? this.registry.getOrSpawn(certname) : this.registry.get(certname);
    if (!actor) return;
    while (actor.deliver(message) === 'rejected') {
      // Back-pressure: hold the log reader until this mailbox has room.
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  codeDeployed(environment: string): void {
    this.invalidate(environment);
  }

  release(lost: ShardSet): void {
    this.registry.stopWhere((certname) => inShards(certname, lost));
  }

  stats() {
    return { actors: this.registry.size, busyActors: this.registry.busy };
  }

  async close(): Promise<void> {
    this.registry.stopAll();
  }
}
