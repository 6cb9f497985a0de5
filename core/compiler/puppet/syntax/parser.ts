import { DEFAULT_COMPILE_LIMITS } from '../evaluation/compile-budget.js';
import { PuppetError } from '../puppet-error.js';
import type { Expr, Param, Program } from './ast.types.js';
import { ExpressionParser } from './expression-parser.js';
import { tokenize, type Token } from './lexer.js';

/**
 * Parses a manifest (`.pp`) into its syntax tree; throws `PuppetError` on syntax errors,
 * and a `CompileBoundError` when it nests deeper than `maxDepth`.
 */
export function parseManifest(src: string, file: string, maxDepth = DEFAULT_COMPILE_LIMITS.maxNestingDepth): Program {
  return new Parser(tokenize(src, file, false, maxDepth), file, maxDepth, 0).program(false);
}

/** Parses an EPP template: text, `<%= %>` renders and `<% %>` code, with its `|params|`. */
export function parseEpp(src: string, file: string, maxDepth = DEFAULT_COMPILE_LIMITS.maxNestingDepth): Program {
  return new Parser(tokenize(src, file, true, maxDepth), file, maxDepth, 0).program(true);
}

/** Files and definitions: a manifest's statements, `class`, `define`, `node`, `function`, `type`. */
class Parser extends ExpressionParser {
  program(epp: boolean): Program {
    let eppParams: Param[] | undefined;
    if (epp) {
      while (this.peek().kind === 'epp_text' && this.peek().value.trim() === '') this.i++;
      if (this.isOp('|')) eppParams = this.lambdaParams();
    }
    const body = this.statements(() => this.peek().kind === 'eof');
    const [first] = this.problems;
    if (first && this.problems.length === 1) throw new PuppetError(first.message, { file: this.file, ...first.loc }, 'syntax');
    if (first) throw new PuppetError(`Language validation logged ${this.problems.length} errors. Giving up`, { file: this.file, line: 0, column: 0 }, 'syntax');
    return { file: this.file, body, ...(eppParams ? { eppParams } : {}) };
  }


  protected sub(tokens: readonly Token[]): ExpressionParser {
    return new Parser(tokens, this.file, this.maxDepth, this.depth);
  }

  protected definition(t: Token): Expr | undefined {
    switch (t.value) {
      case 'class': return this.isOp('{', 1) ? undefined : this.classDef();
      case 'define': return this.defineDef();
      case 'node': return this.nodeDef();
      case 'function': return this.functionDef();
      case 'type': return this.peek(1).kind === 'cref' ? this.typeAlias() : undefined;
      default: return undefined;
    }
  }

  private params(): Param[] {
    if (!this.isOp('(')) return [];
    this.take();
    const out: Param[] = [];
    while (!this.isOp(')')) {
      out.push(this.param());
      if (!this.isOp(')')) this.expectOp(',');
    }
    this.take();
    return out;
  }


  private definitionName(): string {
    const t = this.take();
    if (t.kind !== 'name' && t.kind !== 'cref') this.fail(t);
    return t.value.replace(/^::/, '').toLowerCase();
  }

  private classDef(): Expr {
    const loc = this.loc(this.take());
    const name = this.definitionName();
    const params = this.params();
    let parent: string | undefined;
    if (this.isName('inherits')) { this.i++; parent = this.definitionName(); }
    return { t: 'class', name, params, body: this.block(), loc, ...(parent ? { parent } : {}) };
  }

  private defineDef(): Expr {
    const loc = this.loc(this.take());
    const name = this.definitionName();
    const params = this.params();
    return { t: 'define', name, params, body: this.block(), loc };
  }

  private functionDef(): Expr {
    const loc = this.loc(this.take());
    const name = this.definitionName();
    const params = this.params();
    let returnType: Expr | undefined;
    if (this.isOp('>>')) {
      this.i++;
      const t = this.take();
      returnType = this.postfix({ t: 'type', v: t.value, loc: this.loc(t) }, true);
    }
    return { t: 'function', name, params, ...(returnType ? { returnType } : {}), body: this.block(), loc };
  }

  private typeAlias(): Expr {
    const loc = this.loc(this.take());
    const name = this.take().value;
    this.expectOp('=');
    return { t: 'typealias', name, value: this.expr(1), loc };
  }

  private nodeDef(): Expr {
    const loc = this.loc(this.take());
    const matches: Expr[] = [];
    do {
      if (this.isOp(',')) this.i++;
      const t = this.peek();
      if (t.kind === 'name' && t.value === 'default') { this.i++; matches.push({ t: 'default', loc: this.loc(t) }); }
      else if (t.kind === 'regex') { this.i++; matches.push({ t: 'regex', v: t.value, loc: this.loc(t) }); }
      else if (t.kind === 'string' || t.kind === 'dq') matches.push(this.primary());
      else if (t.kind === 'name' || t.kind === 'number') {
        let v = this.take().value;
        while (this.isOp('.')) { this.i++; v += '.' + this.take().value; }
        matches.push({ t: 'str', v, loc: this.loc(t) });
      } else this.fail(t);
    } while (this.isOp(','));
    if (this.isName('inherits')) {
      this.i++;
      this.fail(this.peek(), 'Node inheritance is not supported in Puppet >= 4.0.0. See http://links.puppet.com/puppet-node-inheritance-deprecation');
    }
    return { t: 'node', matches, body: this.block(), loc };
  }

}
