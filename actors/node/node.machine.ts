import { assign, fromPromise, setup } from 'xstate';
import type { CompileWork, NodeMessage } from './node.messages.js';
import { afterCompile, evolveNode, type NodeState } from './node.decider.js';

/** Input of the compile step: the node as it is now, and the work to do. */
export interface CompileInput {
  readonly state: NodeState;
  readonly work: CompileWork;
}

/** What the compile step resolves with: the new catalog hash, or null on failure. */
export interface CompileOutput {
  readonly hash: string | null;
}

export type NodeMachineEvent = { readonly type: 'MESSAGE'; readonly message: NodeMessage };

/**
 * One node's lifecycle: `loading` (rehydrate from the log) → `idle` ⇄
 * `compiling`. Messages are sent only while `idle`; the bounded mailbox in
 * front holds (and conflates) whatever arrives meanwhile. The side-effecting
 * steps are provided by the host (`load`, `compile`), so the machine itself
 * stays a pure description.
 */
export const nodeMachine = setup({
  types: {
    context: {} as NodeState,
    events: {} as NodeMachineEvent,
    input: {} as NodeState,
  },
  actors: {
    load: fromPromise<NodeState, NodeState>(async ({ input }) => input),
    compile: fromPromise<CompileOutput, CompileInput>(async () => ({ hash: null })),
  },
}).createMachine({
  id: 'node',
  context: ({ input }) => input,
  initial: 'loading',
  states: {
    loading: {
      invoke: {
        src: 'load',
        input: ({ context }) => context,
        onDone: { target: 'idle', actions: assign(({ event }) => event.output) },
        onError: { target: 'idle' },
      },
    },
    idle: {
      on: {
        MESSAGE: [
          { guard: ({ event }) => event.message.kind === 'compile', target: 'compiling' },
          { actions: assign(({ context, event }) => evolveNode(context, event.message)) },
        ],
      },
    },
    compiling: {
      invoke: {
        src: 'compile',
        input: ({ context, event }) => ({ state: context, work: (event as NodeMachineEvent).message as CompileWork }),
        onDone: { target: 'idle', actions: assign(({ context, event }) => afterCompile(context, event.output.hash)) },
        onError: { target: 'idle' },
      },
    },
  },
});
