import type { Attr, Block, Expr, Lambda, Param } from './ast.types.js';

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * Prints a syntax tree back as Puppet source. Binary expressions are fully
 * parenthesised, so `parseManifest(print(ast))` gives the same tree back —
 * the invariant the parser's round-trip property test pins.
 */
export function printBlock(body: Block, indent = ''): string {
  return body.map((e) => `${indent}${printExpr(e, indent)}\n`).join('');
}

function params(ps: readonly Param[]): string {
  return ps.map((p) => `${p.type ? `${printExpr(p.type)} ` : ''}${p.captures ? '*' : ''}$${p.name}${p.value ? ` = ${printExpr(p.value)}` : ''}`).join(', ');
}

function attrs(as: readonly Attr[]): string {
  return as.map((a) => `${a.name} ${a.op} ${printExpr(a.value)}`).join(', ');
}

function braces(body: Block, indent: string): string {
  return body.length ? `{\n${printBlock(body, indent + '  ')}${indent}}` : '{ }';
}

function lambda(l: Lambda | undefined, indent: string): string {
  return l ? ` |${params(l.params)}| ${braces(l.body, indent)}` : '';
}

/** Prints one expression (statements inside braces are indented from `indent`). */
export function printExpr(e: Expr, indent = ''): string {
  const p = (x: Expr): string => printExpr(x, indent);
  switch (e.t) {
    case 'str': return quote(e.v);
    case 'interp': return `"${e.parts.map((x) => (typeof x === 'string' ? x.replace(/[\\"$]/g, (c) => `\\${c}`).replace(/\n/g, '\\n').replace(/\t/g, '\\t') : `\${${p(x)}}`)).join('')}"`;
    case 'num': return e.float && Number.isInteger(e.v) ? e.v.toFixed(1) : String(e.v);
    case 'bool': return String(e.v);
    case 'undef': return 'undef';
    case 'default': return 'default';
    case 'regex': return `/${e.v}/`;
    case 'var': return `$${e.name}`;
    case 'name': return e.v;
    case 'type': return e.v;
    case 'array': return `[${e.items.map(p).join(', ')}]`;
    case 'hash': return `{ ${e.entries.map(([k, v]) => `${p(k)} => ${p(v)}`).join(', ')} }`;
    case 'access': return `${p(e.target)}[${e.keys.map(p).join(', ')}]`;
    case 'binary': {
      // After `}`, `undef` or `default` Puppet's lexer reads `/` as a regex, so such a left operand is parenthesised.
      const left = p(e.left);
      return `(${e.op === '/' && /(\}|\bundef|\bdefault)$/.test(left) ? `(${left})` : left} ${e.op} ${p(e.right)})`;
    }
    case 'unary': return `${e.op}(${p(e.e)})`;
    case 'assign': return `${p(e.target)} ${e.op} ${p(e.value)}`;
    case 'call': return `${e.name}(${e.args.map(p).join(', ')})${lambda(e.lambda, indent)}`;
    case 'method': return `${p(e.recv)}.${e.name}(${e.args.map(p).join(', ')})${lambda(e.lambda, indent)}`;
    case 'if': return `${e.unless ? 'unless' : 'if'} ${p(e.cond)} ${braces(e.then, indent)}${e.else ? ` else ${braces(e.else, indent)}` : ''}`;
    case 'case': return `case ${p(e.subject)} {\n${e.branches.map((b) => `${indent}  ${b.values.map(p).join(', ')}: ${braces(b.body, indent + '  ')}\n`).join('')}${indent}}`;
    case 'select': return `${p(e.subject)} ? { ${e.branches.map(([k, v]) => `${p(k)} => ${p(v)}`).join(', ')} }`;
    case 'relation': return `${p(e.left)} ${e.op} ${p(e.right)}`;
    case 'resource': {
      const at = e.form === 'virtual' ? '@' : e.form === 'exported' ? '@@' : '';
      return `${at}${e.typeExpr ? p(e.typeExpr) : e.type} { ${e.bodies.map((b) => `${p(b.title)}: ${attrs(b.attrs)}`).join('; ')} }`;
    }
    case 'defaults': return `${capital(e.type)} { ${attrs(e.attrs)} }`;
    case 'override': return `${p(e.ref)} { ${attrs(e.attrs)} }`;
    case 'collect': {
      const [open, close] = e.exported ? ['<<|', '|>>'] : ['<|', '|>'];
      return `${capital(e.type)} ${open}${e.query ? ` ${p(e.query)} ` : ' '}${close}${e.attrs ? ` { ${attrs(e.attrs)} }` : ''}`;
    }
    case 'block': return braces(e.body, indent);
    case 'epp_text': return `<%# ${e.v} %>`;
    case 'epp_render': return `<%= ${p(e.e)} %>`;
    case 'class': return `class ${e.name}(${params(e.params)})${e.parent ? ` inherits ${e.parent}` : ''} ${braces(e.body, indent)}`;
    case 'define': return `define ${e.name}(${params(e.params)}) ${braces(e.body, indent)}`;
    case 'node': return `node ${e.matches.map(p).join(', ')} ${braces(e.body, indent)}`;
    case 'function': return `function ${e.name}(${params(e.params)})${e.returnType ? ` >> ${p(e.returnType)}` : ''} ${braces(e.body, indent)}`;
    case 'typealias': return `type ${e.name} = ${p(e.value)}`;
  }
}

const capital = (t: string): string => t.split('::').map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join('::');
