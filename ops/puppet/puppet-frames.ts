import type { ExportedResource, ExportedResourceQuery } from '../../core/compiler/catalog-compiler.js';
import type { PuppetCatalog } from '../../core/catalog/puppet-catalog.types.js';
import type { CompileErrorInfo } from '../../core/events/event.types.js';
import { parseJson, writeJson } from '../../core/json/json-float.js';

// The pipe protocol between Troupe and a Puppet compile process
// (ops/puppet/ruby/compile_server.rb): newline-delimited JSON frames.

/** Troupe → Ruby, on the process's stdin. */
export type ToPuppet =
  | {
    readonly type: 'compile'; readonly id: number; readonly environment: string; readonly certname: string;
    readonly facts: Readonly<Record<string, unknown>>; readonly trusted?: Readonly<Record<string, unknown>>;
    /** A code version's own environmentpath (`<it>/<environment>` links to `codeDir`): a staged rollout's version. @defaultValue the process's environmentpath */
    readonly environmentpath?: string;
    /** The version's directory, under which paths in catalogs and errors are given back. Set with `environmentpath`. */
    readonly codeDir?: string;
  }
  /** The answer to a `find_exported` of the compile with this id. */
  | { readonly type: 'exported'; readonly id: number; readonly resources: readonly ExportedResource[] }
  | { readonly type: 'exported_failed'; readonly id: number; readonly message: string }
  /** Drop the loaded environment (with `environmentpath`: that code version's): its code changed (only sent between compiles). */
  | { readonly type: 'invalidate'; readonly environment: string; readonly environmentpath?: string };

/** Ruby → Troupe, on the process's stdout (which carries nothing else). */
export type FromPuppet =
  | { readonly type: 'ready'; readonly pid: number; readonly puppet: string }
  | { readonly type: 'find_exported'; readonly id: number; readonly query: ExportedResourceQuery }
  | { readonly type: 'catalog'; readonly id: number; readonly catalog: PuppetCatalog }
  | { readonly type: 'error'; readonly id: number; readonly error: Omit<CompileErrorInfo, 'code'> };

// Facts keep their integral Floats (`1.0`) on the way in, catalogs theirs on the way out (core/json/json-float.ts).
export const encodeFrame = (frame: ToPuppet): string => `${writeJson(frame)}\n`;

/**
 * Splits a byte stream into frames. A frame longer than `maxBytes` (a
 * runaway catalog) is refused rather than buffered without end.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxBytes: number) {}

  /** The frames completed by this chunk; throws `RangeError` past `maxBytes`. */
  push(chunk: Buffer): FromPuppet[] {
    const frames: FromPuppet[] = [];
    let rest = chunk;
    for (let nl = rest.indexOf(10); nl >= 0; nl = rest.indexOf(10)) {
      // A frame that came in one chunk (the usual case) is decoded in place, without a copy.
      const text = this.chunks.length === 0 ? rest.toString('utf8', 0, nl) : Buffer.concat([...this.chunks, rest.subarray(0, nl)]).toString('utf8');
      frames.push(parseJson(text) as FromPuppet);
      this.chunks = [];
      this.buffered = 0;
      rest = rest.subarray(nl + 1);
    }
    this.buffered += rest.length;
    if (this.buffered > this.maxBytes) throw new RangeError(`a frame exceeds ${this.maxBytes} bytes`);
    if (rest.length > 0) this.chunks.push(rest);
    return frames;
  }
}
