import type { FactsData } from '../../core/events/event.types.js';
import type { NodeMessage } from './node.messages.js';

/** What a node actor knows between messages; rebuilt from the log on spawn. */
export interface NodeState {
  readonly certname: string;
  readonly facts: FactsData | null;
  /** Hash of the node's current catalog, for push-on-change. */
  readonly lastHash: string | null;
  readonly deactivated: boolean;
}

export const initialNodeState = (certname: string): NodeState => ({
  certname, facts: null, lastHash: null, deactivated: false,
});

/**
 * Pure state transition for every message that does not start work. Newer
 * facts win by producer timestamp, as PuppetDB decides, so a late duplicate
 * cannot roll a node back.
 */
export function evolveNode(state: NodeState, message: NodeMessage): NodeState {
  switch (message.kind) {
    case 'facts':
      if (state.facts && state.facts.producerTimestamp > message.facts.producerTimestamp) return state;
      return { ...state, facts: message.facts, deactivated: false };
    case 'deactivated':
      return { ...state, deactivated: true };
    case 'submitted':
      return { ...state, deactivated: false };
    case 'compile':
      return state;
  }
}

/** The result of a compile, folded into the node's state. */
export function afterCompile(state: NodeState, hash: string | null): NodeState {
  return hash === null ? state : { ...state, lastHash: hash, deactivated: false };
}
