import type { SourcePos } from '../puppet-error.js';
import type { Loc } from '../syntax/ast.types.js';

/**
 * The files being evaluated, innermost last: a class's body is evaluated in
 * its file, inside the file that declared it. Errors and warnings are
 * located in the innermost; a declaration's errors in the one before.
 */
export class FileStack {
  private readonly files: string[] = [];

  /** Runs `f` with `file` as the file being evaluated. */
  inFile<T>(file: string, f: () => T): T {
    this.files.push(file);
    try { return f(); } finally { this.files.pop(); }
  }

  /** The file being evaluated (`''` outside any). */
  current(): string {
    return this.files[this.files.length - 1] ?? '';
  }

  /** The file that declared what is being evaluated (one level out). */
  declaring(): string {
    return this.files[this.files.length - 2] ?? this.current();
  }

  /** Where `loc` is in the file being evaluated. */
  pos(loc: Loc): SourcePos {
    return { file: this.current(), line: loc.line, column: loc.column };
  }
}
