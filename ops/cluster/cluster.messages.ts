import type { AppendOutcome } from '../../core/log/event-log.js';
import type { NodeMessage } from '../../actors/node/node.messages.js';
import type { ShardSet } from '../../actors/router/node-ownership.js';
import type { WireEvent } from './wire-event.js';

/** Primary → actor worker. */
export type ToWorker =
  /** Your shard, and how long to wait first (crash-loop back-off). */
  | { readonly type: 'assign'; readonly slot: number; readonly slots: number; readonly startDelayMs: number }
  | { readonly type: 'deliver'; readonly certname: string; readonly message: NodeMessage }
  | { readonly type: 'appended'; readonly callId: number; readonly outcomes: readonly AppendOutcome[] }
  /** `code`: the TroupeError code when there was one, so the worker can tell a transient failure. */
  | { readonly type: 'append_failed'; readonly callId: number; readonly message: string; readonly code?: string }
  | { readonly type: 'invalidate'; readonly environment: string }
  /** This instance lost these shards' leases: stop their nodes' actors. */
  | { readonly type: 'release'; readonly lost: ShardSet }
  /** Finish in-flight compiles, then exit. */
  | { readonly type: 'drain' };

/** Actor worker → primary. */
export type FromWorker =
  /** The worker listens now (messages sent before that are lost). */
  | { readonly type: 'hello' }
  | { readonly type: 'ready'; readonly slot: number }
  /** Compile outcomes go to the primary, the log's single writer. */
  | { readonly type: 'append'; readonly callId: number; readonly events: readonly WireEvent[] }
  /** `compiler`: the backend's own figures (a Puppet pool), for `/status`. */
  | { readonly type: 'stats'; readonly actors: number; readonly busyActors: number; readonly activeCompiles: number; readonly queuedCompiles: number; readonly compiler?: unknown }
  /** A compile starts / has its outcome appended: the primary knows what a dying worker was doing. */
  | { readonly type: 'compiling'; readonly certname: string; readonly environment: string }
  | { readonly type: 'compiled'; readonly certname: string };

const TO_WORKER: ReadonlySet<string> = new Set<ToWorker['type']>(['assign', 'deliver', 'appended', 'append_failed', 'invalidate', 'release', 'drain']);
const FROM_WORKER: ReadonlySet<string> = new Set<FromWorker['type']>(['hello', 'ready', 'append', 'stats', 'compiling', 'compiled']);
const typeOf = (m: unknown): unknown => (typeof m === 'object' && m !== null ? (m as { type?: unknown }).type : undefined);

/** IPC also carries node's own messages; these guards pick out ours. */
export const isFromWorker = (m: unknown): m is FromWorker => FROM_WORKER.has(typeOf(m) as string);
export const isToWorker = (m: unknown): m is ToWorker => TO_WORKER.has(typeOf(m) as string);
