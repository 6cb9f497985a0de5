import { createActor, fromPromise, type Actor } from 'xstate';
import { BoundedMailbox, type EnqueueResult } from '../mailbox/bounded-mailbox.js';
import type { CompileInput, CompileOutput } from './node.machine.js';
import { nodeMachine } from './node.machine.js';
import { initialNodeState, type NodeState } from './node.decider.js';
import { NODE_MAILBOX_POLICY, type NodeMessage } from './node.messages.js';

export interface NodeActorDeps {
  readonly mailboxCapacity: number;
  load(certname: string): Promise<NodeState>;
  compile(input: CompileInput): Promise<CompileOutput>;
  /** Called when the actor has nothing left to do (no work, empty mailbox). */
  onIdle(actor: NodeActor): void;
}

/**
 * Hosts one node's xstate actor behind its bounded mailbox: messages wait
 * (and conflate) in the mailbox and are handed to the machine one at a
 * time, only while it is idle.
 */
export class NodeActor {
  private readonly mailbox: BoundedMailbox<NodeMessage>;
  private readonly actor: Actor<typeof nodeMachine>;
  private pumping = false;
  lastActive = Date.now();

  constructor(readonly certname: string, private readonly deps: NodeActorDeps) {
    this.mailbox = new BoundedMailbox(deps.mailboxCapacity, NODE_MAILBOX_POLICY);
    const machine = nodeMachine.provide({
      actors: {
        load: fromPromise<NodeState, NodeState>(({ input }) => deps.load(input.certname)),
        compile: fromPromise<CompileOutput, CompileInput>(({ input }) => deps.compile(input)),
      },
    });
    this.actor = createActor(machine, { input: initialNodeState(certname) });
    this.actor.subscribe(() => this.schedulePump());
    this.actor.start();
  }

  deliver(message: NodeMessage): EnqueueResult {
    this.lastActive = Date.now();
    const result = this.mailbox.enqueue(message);
    this.schedulePump();
    return result;
  }

  /** True while loading, compiling, or holding messages. */
  get busy(): boolean {
    return !this.actor.getSnapshot().matches('idle') || this.mailbox.size > 0;
  }

  get queued(): number {
    return this.mailbox.size;
  }

  get state(): NodeState {
    return this.actor.getSnapshot().context;
  }

  stop(): void {
    this.actor.stop();
  }

  private schedulePump(): void {
    if (this.pumping) return;
    this.pumping = true;
    queueMicrotask(() => {
      this.pumping = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.actor.getSnapshot().matches('idle')) {
      const next = this.mailbox.dequeue();
      if (next === undefined) {
        this.lastActive = Date.now();
        this.deps.onIdle(this);
        return;
      }
      this.actor.send({ type: 'MESSAGE', message: next });
    }
  }
}
