import type { Definition } from './ast.types.js';
import type { Located } from './environment-code.js';
import { toRegExp } from './evaluator.js';

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
        // Puppet names a regex node after its pattern, reduced to tag characters.
        const title = `__node_regexp__${m.v.toLowerCase().replace(/[^-\w:.]/g, '').replace(/^\.+/, '')}`;
        return { node: n, title, captures: [...match] };
      }
    }
  }
  const dflt = nodes.find((n) => n.def.matches.some((m) => m.t === 'default'));
  return dflt ? { node: dflt, title: 'default' } : undefined;
}
