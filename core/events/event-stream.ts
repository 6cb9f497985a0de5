import type { TroupeEvent } from './event.types.js';

/** Node streams are certnames; `$`-prefixed streams are fleet-wide. */
export const isNodeStream = (stream: string): boolean => !stream.startsWith('$');

/** Events an actor must see to do its work; the rest only feed projections. */
export const ACTOR_EVENT_TYPES: ReadonlySet<TroupeEvent['type']> = new Set([
  'facts_submitted', 'catalog_requested', 'catalog_submitted', 'node_deactivated',
]);
