import { NO_EXPORTED_RESOURCES, type CompileRequest } from '../../../core/compiler/catalog-compiler.js';
import { PIPELINE_DEPTH } from '../../puppet/puppet-pool.js';
import { createPuppetCompiler, type PuppetCompiler } from '../../puppet/puppet.compiler.js';
import { cpuSecondsOf } from '../support/proc-stats.js';

/** One round of a Puppet pool: its rate, and per compile Troupe's and the Ruby processes' CPU, and the largest process. */
export interface PoolRound {
  readonly rate: number;
  readonly nodeMs: number;
  readonly rubyMs: number;
  readonly rssMb: number;
}

export interface PoolRoundsOptions {
  readonly codeDir: string;
  readonly processes: number;
  /** Nodes compiled in turn. */
  readonly nodes: readonly Pick<CompileRequest, 'certname' | 'facts'>[];
  /** Compiles per process in a round. */
  readonly compilesPerProcess: number;
  /** Compiles per process before the first round (environment parsed, JIT warm). */
  readonly warmPerProcess: number;
  /** The Ruby processes' environment. @defaultValue Troupe's own */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The `puppet` backend with `processes` Ruby processes, kept busy as the
 * compile pool keeps it (processes × PIPELINE_DEPTH compiles at once),
 * warmed, and a round of `compilesPerProcess` × processes compiles
 * measured (shared by bench:compile and the GC settings bench).
 */
export async function puppetPoolRounds(o: PoolRoundsOptions): Promise<{ compiler: PuppetCompiler; round: () => Promise<PoolRound> }> {
  const compiler = createPuppetCompiler({
    codeDir: o.codeDir, processes: o.processes, maxCompilesPerProcess: 1_000_000, maxRssMb: 4096, timeoutMs: 60_000, onLog: () => undefined,
    ...(o.env ? { env: o.env } : {}),
  });
  let next = 0;
  const compileMany = async (count: number): Promise<void> => {
    let started = 0;
    await Promise.all(Array.from({ length: o.processes * PIPELINE_DEPTH }, async () => {
      for (; started < count; started++) {
        const r = await compiler.compile({ ...o.nodes[next++ % o.nodes.length]!, environment: 'production', exported: NO_EXPORTED_RESOURCES, catalogUuid: 'bench' });
        if (!r.ok) throw new Error(`puppet pool: ${r.error.message}`);
      }
    }));
  };
  await compileMany(o.processes * o.warmPerProcess);
  return {
    compiler,
    async round() {
      const pids = compiler.stats().processes.flatMap((p) => (p.pid === undefined ? [] : [p.pid]));
      const ruby = (): number => pids.map(cpuSecondsOf).reduce((a, b) => a + b, 0);
      const ruby0 = ruby();
      const cpu = process.cpuUsage();
      const started = performance.now();
      const count = o.compilesPerProcess * o.processes;
      await compileMany(count);
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const rss = compiler.stats().processes.map((p) => p.rssMb ?? 0);
      return { rate: count / seconds, nodeMs: (used.user + used.system) / 1000 / count, rubyMs: (1000 * (ruby() - ruby0)) / count, rssMb: Math.max(...rss) };
    },
  };
}
