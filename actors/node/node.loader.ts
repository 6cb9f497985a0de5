import type { CatalogCompiled, FactsSubmitted, RecordedEvent } from '../../core/events/event.types.js';
import type { EventLog } from '../../core/log/event-log.js';
import { initialNodeState, type NodeState } from './node.decider.js';

/**
 * Rehydrates a node actor from its stream: the newest facts and the hash of
 * the newest compiled catalog. Two indexed reads of one event each, so an
 * actor that was stopped for idleness comes back cheaply.
 */
export async function loadNodeState(log: Pick<EventLog, 'readStreamBackward'>, certname: string): Promise<NodeState> {
  const [facts] = await log.readStreamBackward(certname, { types: ['facts_submitted'], limit: 1 });
  const [compiled] = await log.readStreamBackward(certname, { types: ['catalog_compiled'], limit: 1 });
  return {
    ...initialNodeState(certname),
    facts: facts ? (facts as RecordedEvent<FactsSubmitted>).data : null,
    lastHash: compiled ? (compiled as RecordedEvent<CatalogCompiled>).data.hash : null,
  };
}
