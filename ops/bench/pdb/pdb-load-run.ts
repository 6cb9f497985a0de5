import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../config/package-root.js';

/** The shared PuppetDB command load generator, used unchanged (`PDB_LOAD` overrides where it is). */
export const PDB_LOAD = resolve(process.env['PDB_LOAD'] ?? join(packageRoot(), '../shared/bench/pdb-load.mjs'));

/** What the generator reports (its `--json` file), the fields benchmarks read. */
export interface PdbLoadResult {
  readonly completed: boolean;
  readonly commands_submitted: number;
  readonly submit_failures: number;
  readonly total_wall_s: number;
  readonly commands_per_s: number;
  /** Building the commands before the first is sent (single-threaded: its CPU too). */
  readonly generation: { readonly gen_s: number };
}

/** Throws unless the generator is where PDB_LOAD says. */
export function requirePdbLoad(): void {
  if (!existsSync(PDB_LOAD)) throw new Error(`load generator not found at ${PDB_LOAD}; set PDB_LOAD`);
}

/**
 * One pass of the generator (`--nodes nodes --pass pass`) against the server
 * at `url`, waiting until the server has processed every command. Not
 * spawnSync: a blocked event loop keeps keep-alive sockets the server closed
 * meanwhile (PuppetDB's loads take minutes), and samplers must keep running.
 */
export async function runPdbLoad(url: string, nodes: number, pass: 1 | 2, dir: string): Promise<PdbLoadResult> {
  const out = join(dir, `load-${nodes}-pass${pass}.json`);
  const child = spawn(process.execPath, [PDB_LOAD, '--url', url, '--nodes', String(nodes), '--pass', String(pass), '--json', out], { stdio: 'inherit' });
  const [code] = await once(child, 'exit') as [number | null];
  if (code !== 0) throw new Error(`pdb-load pass ${pass} against ${url} failed with ${code}`);
  return JSON.parse(readFileSync(out, 'utf8')) as PdbLoadResult;
}
