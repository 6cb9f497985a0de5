import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../config/package-root.js';

/**
 * Replaces (or appends) one `## Title` section of docs/benchmarks.md, so
 * each benchmark keeps its latest figures there with the command that
 * produced them.
 */
export function writeBenchmarkSection(title: string, body: string): void {
  const file = join(packageRoot(), 'docs/benchmarks.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nLatest figures of each `npm run bench:*` script, written by the script itself.\n';
  const heading = `## ${title}`;
  const section = `${heading}\n\n${body.trim()}\n`;
  const start = text.indexOf(`${heading}\n`);
  if (start < 0) return writeFileSync(file, `${text.trimEnd()}\n\n${section}`);
  const rest = text.indexOf('\n## ', start + heading.length);
  writeFileSync(file, `${text.slice(0, start)}${section}${rest < 0 ? '' : text.slice(rest)}`);
}

export const machine = (): string => {
  const cpus = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU';
  // Count from /proc: a benchmark pinned to one CPU still runs on a 2-core machine.
  const cores = (readFileSync('/proc/cpuinfo', 'utf8').match(/^processor\s*:/gm) ?? []).length;
  return `${cpus}, ${cores} cores, Node ${process.version}`;
};
