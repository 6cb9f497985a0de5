import { CODE_STREAM, ROLLOUTS_STREAM, type RecordedEvent } from '../../core/events/event.types.js';
import type { EventLog } from '../../core/log/event-log.js';
import { assignedCodeId, evolveRollouts, initialRolloutState } from '../../core/rollout/rollout-state.js';
import type { CodeVersions } from './code-versions.js';

export interface RolloutAssignmentsDeps {
  readonly log: Pick<EventLog, 'head' | 'readStream'>;
  readonly versions: Pick<CodeVersions, 'ensure'>;
}

const PAGE = 1000;

/**
 * Which code version's directory each node is compiled with, for a
 * compiling process (the primary, or each actor worker): the rollout
 * reducer folded from `$rollouts` and `$code` alone, read when a compile
 * needs it. Before the compile of a request logged at position P, every
 * rollout step logged before P is folded — so a wave's or an abort's
 * recompiles (appended after their step) always compile with the version
 * the step gave the node, in whichever process they run. Concurrent
 * compiles share one read; a failed read leaves the state as last read.
 */
export class RolloutAssignments {
  private readonly state = initialRolloutState();
  /** The log head the state has read both streams up to. */
  private synced = -1;
  private readonly read = { [ROLLOUTS_STREAM]: 0, [CODE_STREAM]: 0 };
  private pulling: Promise<void> | undefined;

  constructor(private readonly deps: RolloutAssignmentsDeps) {}

  /** The directory to compile `certname` with, for a request logged at `position`; undefined: the environment's own. */
  async codeDirOf(environment: string, certname: string, position: number): Promise<string | undefined> {
    try {
      await this.readPast(position);
    } catch {
      // A read that failed: the state as last read (a compile is not failed for it); the next compile reads again.
    }
    const codeId = assignedCodeId(this.state, environment, certname);
    return codeId === null ? undefined : this.deps.versions.ensure(environment, codeId);
  }

  private async readPast(position: number): Promise<void> {
    // A read under way may have taken its head before `position` was logged: then one more.
    for (let reads = 0; this.synced < position && reads < 2; reads++) {
      this.pulling ??= this.pull().finally(() => { this.pulling = undefined; });
      await this.pulling;
    }
  }

  /** Reads both streams' new events up to the head now, in log order. */
  private async pull(): Promise<void> {
    const head = await this.deps.log.head();
    const events = [...await this.newEvents(ROLLOUTS_STREAM, head), ...await this.newEvents(CODE_STREAM, head)];
    for (const e of events.sort((a, b) => a.position - b.position)) evolveRollouts(this.state, e);
    this.synced = head;
  }

  private async newEvents(stream: typeof ROLLOUTS_STREAM | typeof CODE_STREAM, head: number): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for (;;) {
      const page = await this.deps.log.readStream(stream, this.read[stream], { limit: PAGE, untilPosition: head });
      out.push(...page);
      if (page.length > 0) this.read[stream] = page[page.length - 1]!.version;
      if (page.length < PAGE) return out;
    }
  }
}
