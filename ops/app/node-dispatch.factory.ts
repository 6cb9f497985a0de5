import type { FactsSubmitted, RecordedEvent } from '../../core/events/event.types.js';
import type { EventLog } from '../../core/log/event-log.js';
import type { CompileInput, CompileOutput } from '../../actors/node/node.machine.js';
import { loadNodeState } from '../../actors/node/node.loader.js';
import { LocalDispatch } from '../../actors/router/node-dispatch.js';
import type { TroupeConfig } from '../config/troupe.config.js';

/** How long an idle node actor lives before it stops (its state is reloaded from the log on its next work). */
const ACTOR_IDLE_MS = 60_000;

export interface NodeDispatchParts {
  /** Reads a node's stream: its state when its actor starts, its newest facts when it compiles. */
  readonly log: Pick<EventLog, 'readStreamBackward'>;
  readonly compile: (input: CompileInput) => Promise<CompileOutput>;
  /** Code was deployed: the compiler drops its cached code of the environment. */
  readonly invalidate: (environment: string) => void;
}

/**
 * The node actors of one process — the single process, or each actor
 * worker of a cluster — built one way everywhere, with one delivery rule:
 * compile work spawns an actor, state changes reach only live actors, and
 * a compile reads the node's newest facts from the log when it starts
 * (a cluster forwards only compile work to its workers, and an actor
 * started after the facts were routed has not seen them either).
 */
export function createNodeDispatch(config: Pick<TroupeConfig, 'mailboxCapacity' | 'maxActors'>, parts: NodeDispatchParts): LocalDispatch {
  return new LocalDispatch({
    mailboxCapacity: config.mailboxCapacity,
    maxActors: config.maxActors,
    idleMs: ACTOR_IDLE_MS,
    load: (certname) => loadNodeState(parts.log, certname),
    compile: async (input) => {
      const [facts] = await parts.log.readStreamBackward(input.state.certname, { types: ['facts_submitted'], limit: 1 });
      const state = facts ? { ...input.state, facts: (facts as RecordedEvent<FactsSubmitted>).data } : input.state;
      return parts.compile({ ...input, state });
    },
  }, parts.invalidate);
}
