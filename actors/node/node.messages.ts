import type {
  CatalogSubmitted, FactsData, NodeDeactivated, RecordedEvent,
} from '../../core/events/event.types.js';
import type { MailboxPolicy } from '../mailbox/bounded-mailbox.js';

/** A compile to do: every request it answers, at the highest priority asked. */
export interface CompileWork {
  readonly kind: 'compile';
  readonly requestIds: readonly string[];
  readonly environment: string;
  readonly priority: number;
  /** Position of the newest request merged in (for timelines). */
  readonly position: number;
  /** The newest request's `$trusted`, when it had one (merging keeps the newer). */
  readonly trusted?: Readonly<Record<string, unknown>>;
}

/** Messages a node actor's mailbox holds, one tagged union. */
export type NodeMessage =
  | { readonly kind: 'facts'; readonly facts: FactsData; readonly position: number }
  | CompileWork
  | { readonly kind: 'submitted'; readonly event: RecordedEvent<CatalogSubmitted> }
  | { readonly kind: 'deactivated'; readonly event: RecordedEvent<NodeDeactivated> };

/** Facts and state changes go before compiles, so a compile sees the newest facts. */
const PRIORITY: Record<NodeMessage['kind'], number> = { facts: 30, deactivated: 20, submitted: 20, compile: 10 };

/**
 * Conflation as PuppetDB does for queued commands: newer facts make older
 * ones obsolete; compile requests merge into one compile that answers all
 * of them (so none is dropped that no newer one covers), at the highest
 * priority asked and for the newest environment asked.
 */
export const NODE_MAILBOX_POLICY: MailboxPolicy<NodeMessage> = {
  conflationKey: (m) => m.kind,
  merge(older, newer) {
    if (older.kind === 'compile' && newer.kind === 'compile') {
      return {
        ...newer,
        requestIds: [...older.requestIds, ...newer.requestIds],
        priority: Math.max(older.priority, newer.priority),
      };
    }
    return newer;
  },
  priority: (m) => PRIORITY[m.kind],
};
