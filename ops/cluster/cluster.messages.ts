import type { AppendOutcome } from '../../core/log/event-log.js';
import type { CompileWork, NodeMessage } from '../../actors/node/node.messages.js';
import type { CompileOutput } from '../../actors/node/node.machine.js';
import type { CompileSubject } from '../../actors/compile/compile-step.js';
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
  | { readonly type: 'drain' }
  /** The answer to an `offer`: the compile job's output, or none (compile it here). */
  | { readonly type: 'offered'; readonly callId: number; readonly output?: CompileOutput }
  /** A job from the broker's compile queue: compile it, outcome under `id`, and send the outcome back (the primary appends it, then acknowledges). */
  | { readonly type: 'compile_job'; readonly callId: number; readonly id: string; readonly state: CompileSubject; readonly work: CompileWork };

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
  | { readonly type: 'compiled'; readonly certname: string }
  /** An actor's compile, offered to the broker's compile queue (the primary holds its connection). */
  | { readonly type: 'offer'; readonly callId: number; readonly state: CompileSubject; readonly work: CompileWork }
  /** A `compile_job`'s outcome, not yet logged, and the new hash (null on failure). */
  | { readonly type: 'job_compiled'; readonly callId: number; readonly outcome: WireEvent; readonly hash: string | null }
  | { readonly type: 'job_failed'; readonly callId: number; readonly message: string };

const TO_WORKER: ReadonlySet<string> = new Set<ToWorker['type']>(['assign', 'deliver', 'appended', 'append_failed', 'invalidate', 'release', 'drain', 'offered', 'compile_job']);
const FROM_WORKER: ReadonlySet<string> = new Set<FromWorker['type']>(['hello', 'ready', 'append', 'stats', 'compiling', 'compiled', 'offer', 'job_compiled', 'job_failed']);
const typeOf = (m: unknown): unknown => (typeof m === 'object' && m !== null ? (m as { type?: unknown }).type : undefined);

/** IPC also carries node's own messages; these guards pick out ours. */
export const isFromWorker = (m: unknown): m is FromWorker => FROM_WORKER.has(typeOf(m) as string);
export const isToWorker = (m: unknown): m is ToWorker => TO_WORKER.has(typeOf(m) as string);
