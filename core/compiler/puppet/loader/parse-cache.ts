import { readFileSync, statSync } from 'node:fs';
import type { Program } from '../syntax/ast.types.js';
import { parseEpp, parseManifest } from '../syntax/parser.js';

/**
 * Parsed files keyed by path, reused while the file's size and mtime stay
 * the same: parse once, compile many. Shared by all environments.
 */
export class ParseCache {
  /** `maxDepth`: how deep code may nest (`compileMaxNestingDepth`). */
  constructor(private readonly maxDepth: number) {}

  private readonly entries = new Map<string, { readonly stamp: string; readonly program: Program }>();

  /** The file's syntax tree; throws `PuppetError` on syntax errors (never cached). */
  get(path: string, kind: 'pp' | 'epp'): Program {
    const st = statSync(path);
    const stamp = `${st.size}:${st.mtimeMs}`;
    const hit = this.entries.get(path);
    if (hit && hit.stamp === stamp) return hit.program;
    const src = readFileSync(path, 'utf8');
    const program = kind === 'pp' ? parseManifest(src, path, this.maxDepth) : parseEpp(src, path, this.maxDepth);
    this.entries.set(path, { stamp, program });
    return program;
  }

  /** Forgets files under a directory (or everything). */
  drop(prefix?: string): void {
    if (prefix === undefined) { this.entries.clear(); return; }
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
