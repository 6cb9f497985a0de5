import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { PuppetCatalog } from '../../core/catalog/puppet-catalog.types.js';
import type { ExportedResourceLookup } from '../../core/compiler/catalog-compiler.js';
import type { CompileErrorInfo } from '../../core/events/event.types.js';
import { err, ok, type Result } from '../../core/result.js';
import { encodeFrame, FrameReader, type FromPuppet, type ToPuppet } from './puppet-frames.js';

export interface PuppetProcessOptions {
  /** The ruby executable and its argv (script and arguments): never a shell line. */
  readonly ruby: string;
  readonly argv: readonly string[];
  /** Largest frame (a catalog) accepted from the process. */
  readonly maxFrameBytes: number;
  /** How long loading Ruby and Puppet may take before the process counts as failed to start. */
  readonly readyTimeoutMs: number;
  /** Receives each line the process writes to stderr (Puppet's log). */
  readonly onLog: (line: string) => void;
  /** The process's environment. @defaultValue Troupe's own */
  readonly env?: NodeJS.ProcessEnv;
}

export interface CompileJob {
  readonly frame: Omit<Extract<ToPuppet, { type: 'compile' }>, 'id'>;
  readonly exported: ExportedResourceLookup;
  readonly timeoutMs: number;
}

export type CompileOutcome = Result<PuppetCatalog, CompileErrorInfo>;

/**
 * The answer for a compile that was sent ahead but never started: its
 * process died (or was killed) during the compile before it. Nothing of it
 * ran, so it may go to another process.
 */
export const NOT_STARTED = Symbol('not started');

interface InFlight {
  readonly id: number;
  readonly job: CompileJob;
  readonly resolve: (o: CompileOutcome | typeof NOT_STARTED) => void;
  /** The deadline, armed when the compile reaches the head of the line (Ruby starts it then). */
  timer?: NodeJS.Timeout;
}

const LOG_LINE_CHARS = 4096;
/**
 * How often the memory bound reads /proc: a read per compile cost Troupe
 * more CPU than the rest of its work for the compile at the rates real
 * Puppet gives (~150 µs of ~600 µs).
 */
const RSS_READ_EVERY_MS = 1000;
const TAIL_LINES = 5;

/**
 * One long-lived Ruby process running real Puppet (compile_server.rb),
 * one compile at a time. Compiles may be sent ahead: Ruby reads them from
 * the pipe in order, so it starts the next as soon as it has answered one,
 * without waiting for Node to read the answer and send more. It leads its
 * own process group, so a kill takes whatever its Ruby code started with
 * it. A compile past its deadline (counted from when Ruby starts it) kills
 * the process; a process that dies mid-compile answers that compile with
 * `compiler_crashed` and those sent ahead with `NOT_STARTED`. Either way
 * the process is spent: the pool replaces it.
 */
export class PuppetProcess {
  readonly ready: Promise<void>;
  /** Compiles answered so far. */
  compiles = 0;
  /** The code version each environment (or code version directory: `PuppetCompiler`'s key) was loaded at in this process. */
  readonly loaded = new Map<string, string>();
  private readonly child: ChildProcess;
  private exit: string | undefined;
  /** Compiles sent, in order: the first is the one Ruby is compiling. */
  private readonly inFlight: InFlight[] = [];
  private nextId = 1;
  private readonly tail: string[] = [];

  constructor(private readonly options: PuppetProcessOptions) {
    this.child = spawn(options.ruby, [...options.argv], { stdio: ['pipe', 'pipe', 'pipe'], detached: true, ...(options.env ? { env: options.env } : {}) });
    this.child.stdin!.on('error', () => undefined); // EPIPE from a dead process: its exit tells the story
    this.readLog();
    this.ready = this.readFrames();
    this.ready.catch(() => undefined);
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  get busy(): boolean {
    return this.inFlight.length > 0;
  }

  /** Compiles sent and not answered yet (the one compiling and those sent ahead). */
  get pending(): number {
    return this.inFlight.length;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resident memory from /proc (Linux), MB; undefined once gone. */
  rssMb(): number | undefined {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))?.[1];
      return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
    } catch {
      return undefined;
    }
  }

  private rssReadAt = -Infinity;

  /** Whether resident memory is above `maxMb`, as last read (read again at most every RSS_READ_EVERY_MS). */
  memoryAbove(maxMb: number): boolean {
    const now = performance.now();
    if (now - this.rssReadAt < RSS_READ_EVERY_MS) return false;
    this.rssReadAt = now;
    return (this.rssMb() ?? 0) > maxMb;
  }

  /**
   * Drops an environment's loaded code (between compiles only: the process
   * reads frames then); `version`: a code version's own environmentpath and
   * its key in `loaded`.
   */
  invalidate(environment: string, version?: { readonly key: string; readonly environmentpath: string }): void {
    this.send({ type: 'invalidate', environment, ...(version ? { environmentpath: version.environmentpath } : {}) });
    this.loaded.delete(version?.key ?? environment);
  }

  /** Sends a compile; it runs after those already sent. `NOT_STARTED` if the process is spent before it starts. */
  compile(job: CompileJob): Promise<CompileOutcome | typeof NOT_STARTED> {
    if (!this.alive) return Promise.resolve(NOT_STARTED);
    return new Promise((resolve) => {
      const run: InFlight = { id: this.nextId++, job, resolve };
      this.inFlight.push(run);
      if (this.inFlight.length === 1) this.started(run);
      this.send({ ...job.frame, id: run.id });
    });
  }

  /** `run` is the one Ruby compiles now: its deadline runs from here. */
  private started(run: InFlight): void {
    this.tail.length = 0; // a crash message quotes what this compile logged
    run.timer = setTimeout(() => this.overtime(), run.job.timeoutMs);
  }

  /** Kills the process group at once. */
  kill(): void {
    if (!this.alive || this.child.pid === undefined) return;
    try { process.kill(-this.child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }

  /** Ends the process gently (end of input), killing it if it has not gone after `graceMs`. */
  retire(graceMs = 5000): void {
    this.child.stdin!.end();
    setTimeout(() => this.kill(), graceMs).unref();
  }

  private send(frame: ToPuppet): void {
    if (this.alive) this.child.stdin!.write(encodeFrame(frame));
  }

  /** Resolves at the `ready` frame; rejects if the process dies or is silent past readyTimeoutMs first. */
  private readFrames(): Promise<void> {
    return new Promise((resolve, reject) => {
      const reader = new FrameReader(this.options.maxFrameBytes);
      const startup = setTimeout(() => { this.kill(); reject(new Error(`Puppet did not start within ${this.options.readyTimeoutMs} ms`)); }, this.options.readyTimeoutMs);
      this.child.stdout!.on('data', (chunk: Buffer) => {
        let frames: FromPuppet[];
        try { frames = reader.push(chunk); } catch (e) { this.badFrame(e as Error); return; }
        for (const f of frames) {
          if (f.type === 'ready') { clearTimeout(startup); resolve(); } else this.onFrame(f);
        }
      });
      const gone = (why: string): void => {
        this.exit ??= why;
        clearTimeout(startup);
        reject(new Error(`ruby ${why}${this.tailText()}`));
        const head = this.inFlight[0];
        if (head) this.settle(err(this.crashed(head.job)));
        this.dropAhead();
      };
      this.child.once('error', (e) => gone(`could not be started (${e.message})`));
      this.child.once('exit', (code, signal) => gone(signal ? `was killed by ${signal}` : `exited with code ${code}`));
    });
  }

  private onFrame(f: Exclude<FromPuppet, { type: 'ready' }>): void {
    const run = this.inFlight[0];
    if (!run || f.id !== run.id) return;
    if (f.type === 'find_exported') {
      run.job.exported.find(f.query).then(
        (resources) => { if (this.inFlight[0] === run) this.send({ type: 'exported', id: f.id, resources }); },
        (e: unknown) => { if (this.inFlight[0] === run) this.send({ type: 'exported_failed', id: f.id, message: String((e as Error)?.message ?? e) }); },
      );
      return;
    }
    this.compiles++;
    this.settle(f.type === 'catalog' ? ok(f.catalog) : err({ code: 'compile_failed', ...f.error }));
  }

  /** Answers the compile at the head of the line; the next one (already sent) starts. */
  private settle(outcome: CompileOutcome): void {
    const run = this.inFlight.shift();
    if (!run) return;
    clearTimeout(run.timer);
    const next = this.inFlight[0];
    if (next && this.alive) this.started(next);
    run.resolve(outcome);
  }

  /** The process is spent: compiles sent ahead never started. */
  private dropAhead(): void {
    for (const run of this.inFlight.splice(0)) { clearTimeout(run.timer); run.resolve(NOT_STARTED); }
  }

  private overtime(): void {
    const run = this.inFlight[0];
    if (!run) return;
    this.exit ??= 'was killed at the compile deadline';
    this.kill();
    const { certname } = run.job.frame;
    this.settle(err({
      code: 'compile_timeout',
      message: `Evaluation Error: Exceeded the compile deadline of ${run.job.timeoutMs} ms (compileTimeoutMs) on node ${certname}; its Puppet process was killed`,
    }));
    this.dropAhead();
  }

  /** A frame past maxFrameBytes (a runaway catalog) or one that is not JSON: the stream cannot be trusted after it. */
  private badFrame(e: Error): void {
    const run = this.inFlight[0];
    this.exit ??= e instanceof RangeError ? `sent ${e.message}` : `sent a malformed frame (${e.message})`;
    this.kill();
    if (run) {
      this.settle(err(e instanceof RangeError
        ? { code: 'compile_budget_exceeded', message: `Exceeded what the compiler can hold (${e.message}, maxFrameBytes) on node ${run.job.frame.certname}` }
        : this.crashed(run.job)));
    }
    this.dropAhead();
  }

  private crashed(job: CompileJob): CompileErrorInfo {
    return { code: 'compiler_crashed', message: `Puppet compile process ${this.child.pid} ${this.exit} during the compile on node ${job.frame.certname}${this.tailText()}` };
  }

  private tailText(): string {
    return this.tail.length > 0 ? `: ${this.tail.join(' | ')}` : '';
  }

  /** Stderr, line by line, each line bounded; the last few are kept for crash messages. */
  private readLog(): void {
    let partial = '';
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (text: string) => {
      const lines = (partial + text).split('\n');
      partial = lines.pop()!.slice(0, LOG_LINE_CHARS);
      for (const raw of lines) {
        const line = raw.slice(0, LOG_LINE_CHARS);
        this.tail.push(line.slice(0, 300));
        if (this.tail.length > TAIL_LINES) this.tail.shift();
        this.options.onLog(line);
      }
    });
  }
}
