import type { Located } from '../loader/environment-code.js';
import { PuppetError } from '../puppet-error.js';
import type { Definition, Expr } from '../syntax/ast.types.js';
import { toRegExp } from '../types/ruby-regexp.js';

type NodeDef = Extract<Definition, { t: 'node' }>;

/** The node definition a certname gets, the title of its `Node` resource, and a regex match's captures. */
export interface NodeMatch {
  readonly node: Located<NodeDef>;
  readonly title: string;
  readonly captures?: readonly string[];
}

/** Puppet's order: an exact name anywhere, then the first matching regex, then `default`. */
export function matchNode(nodes: readonly Located<NodeDef>[], certname: string): NodeMatch | undefined {
  const name = certname.toLowerCase();
  const exact = nodes.find((n) => n.def.matches.some((m) => m.t === 'str' && m.v.toLowerCase() === name));
  if (exact) return { node: exact, title: name };
  for (const n of nodes) {
    for (const m of n.def.matches) {
      if (m.t !== 'regex') continue;
      const match = toRegExp(m.v).exec(name);
      if (match) {
        return { node: n, title: regexNodeName(m.v), captures: [...match] };
      }
    }
  }
  const dflt = nodes.find((n) => n.def.matches.some((m) => m.t === 'default'));
  return dflt ? { node: dflt, title: 'default' } : undefined;
}

/** Puppet names a regex node after its pattern, reduced to tag characters. */
const regexNodeName = (source: string): string => `__node_regexp__${source.toLowerCase().replace(/[^-\w:.]/g, '').replace(/^\.+/, '')}`;

const nodeName = (m: Expr): string | undefined =>
  m.t === 'str' ? m.v.toLowerCase() : m.t === 'regex' ? regexNodeName(m.v) : m.t === 'default' ? 'default' : undefined;

/** Two node definitions with the same name (regexes by their reduced names) are an error, as Puppet's loader makes them. */
export function checkDuplicateNodes(nodes: readonly Located<NodeDef>[]): void {
  const seen = new Map<string, Located<NodeDef>>();
  for (const n of nodes) {
    for (const m of n.def.matches) {
      const name = nodeName(m);
      if (name === undefined) continue;
      const first = seen.get(name);
      if (first) {
        throw new PuppetError(`Node '${name}' is already defined (file: ${first.file}, line: ${first.def.loc.line}); cannot redefine (file: ${n.file}, line: ${n.def.loc.line})`, undefined, 'plain');
      }
      seen.set(name, n);
    }
  }
}
