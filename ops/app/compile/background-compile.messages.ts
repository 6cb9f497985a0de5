import type { BackendChoice } from '../../../core/compiler/catalog-compiler.js';
import type { CompileSubject } from '../../../actors/compile/compile-step.js';
import type { CompileWork } from '../../../actors/node/node.messages.js';
import type { WireEvent } from '../../cluster/wire-event.js';
import type { TroupeConfig } from '../../config/troupe.config.js';

/** What the background compile thread starts with. */
export interface BackgroundCompileThreadData {
  /** The process's configuration: the thread builds the same builtin compiler (whatever `compiler` says) and opens the same storeconfigs. */
  readonly config: TroupeConfig;
  /** Added to the thread's nice value (Linux; at most 19). */
  readonly nice: number;
  /** Compiles the thread holds at once (its own pool's concurrency). */
  readonly slots: number;
}

export type ToBackgroundThread =
  | {
    readonly type: 'compile'; readonly callId: number; readonly eventId: string;
    readonly state: CompileSubject; readonly work: CompileWork; readonly codeDir?: string;
    /** The backend choice the outcome names (`--compiler auto`'s decision), else the built-in's own name. */
    readonly choice?: BackendChoice;
  }
  | { readonly type: 'invalidate'; readonly environment?: string };

/** A compile's outcome event crosses as a WireEvent: the catalog as JSON text, which the process passes on as is. */
export type FromBackgroundThread =
  | { readonly type: 'ready'; readonly nice: number | null }
  | { readonly type: 'compiled'; readonly callId: number; readonly wire: WireEvent; readonly hash: string | null };
