/** Where a construct sits in the code, for Puppet-shaped error messages. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * A failure of the node's code. Thrown inside the evaluator (deep recursion
 * makes results impractical there) and turned into a `CompileErrorInfo`
 * result at the compiler's boundary — it never escapes `compile`.
 */
export class PuppetError extends Error {
  constructor(
    message: string,
    readonly pos: SourcePos | undefined,
    /**
     * `evaluation` errors get Puppet's `Evaluation Error:` prefix (and, from a
     * function, the call's position); `syntax` errors the parse prefix;
     * `plain` ones are printed as they are.
     */
    readonly kind: 'evaluation' | 'syntax' | 'plain' = 'evaluation',
  ) {
    super(message);
    this.name = 'PuppetError';
  }
}

/**
 * Valid Puppet (or Ruby in a template) that this compiler does not
 * implement: real Puppet would compile it. Its own code
 * (`compile_unsupported`) lets `--compiler auto` send the environment to
 * real Puppet instead of reporting the node's code as broken.
 */
export class UnsupportedError extends PuppetError {
  readonly code = 'compile_unsupported';
  constructor(message: string, pos: SourcePos | undefined, kind: PuppetError['kind'] = 'evaluation') {
    super(message, pos, kind);
    this.name = 'UnsupportedError';
  }
}

/** A new error with this message and place that stays an `UnsupportedError` when `cause` was one. */
export function rewrapped(cause: PuppetError, message: string, pos: SourcePos | undefined): PuppetError {
  return cause instanceof UnsupportedError ? new UnsupportedError(message, pos) : new PuppetError(message, pos);
}

/** Formats the message as Puppet 7 prints it, `(file: …, line: …, column: …) on node …`. */
export function puppetMessage(e: PuppetError, certname: string, environment: string): string {
  return `${describe(e, environment)} on node ${certname}`;
}

/** The message without the node: what Puppet nests when an error passes through a defined type. */
export function describe(e: PuppetError, environment: string): string {
  // Puppet leaves out what it does not know: no column after the generator phase, no line at end of input.
  const p = e.pos;
  const where = p ? ` (file: ${p.file}${p.line ? `, line: ${p.line}` : ''}${p.line && p.column ? `, column: ${p.column}` : ''})` : '';
  if (e.kind === 'syntax') return `Could not parse for environment ${environment}: ${e.message}${where}`;
  if (e.kind === 'plain') return `${e.message}${where}`;
  return `Evaluation Error: ${e.message}${where}`;
}
