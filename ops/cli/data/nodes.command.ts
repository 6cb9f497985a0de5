import { defineCommand, CliError } from '../cli-command.js';
import { TARGET_OPTIONS, troupeTarget } from '../http-client.js';
import { UsageError } from '../cli-args.js';
import { queryRows } from './pdb-query-client.js';
import { hasSelector, SELECTOR_OPTIONS, selectorFromFlags } from '../selector-options.js';
import { selectorQuery } from '../../../core/selector/node-selector.js';

const NODES_OPTIONS = {
  query: {
    type: 'string', value: 'PQL',
    description: 'a PQL query whose rows have a certname, or a condition on inventory (facts.os.family = "Debian")',
    defaultText: 'every active node',
  },
  ...SELECTOR_OPTIONS,
  ...TARGET_OPTIONS,
} as const;

/** A PQL query names its entity first (`nodes[certname] {`, `inventory {`); anything else is a condition. */
const ENTITY_FIRST = /^\s*[a-z][a-z_-]*\s*[[{]/;

/**
 * The query `troupe nodes` sends: a full PQL query as it is; a bare
 * condition on `inventory` (facts, trusted facts, the node's fields),
 * which is how an operator addresses machines by their metadata.
 */
export function nodesQuery(pql: string | undefined): string {
  if (pql === undefined || pql.trim() === '') return 'nodes[certname] {}';
  return ENTITY_FIRST.test(pql) ? pql : `inventory[certname] { ${pql} }`;
}

/** `troupe nodes --query PQL`: the certnames of the nodes matching, one a line (sorted, once each). */
export const nodesCommand = defineCommand({
  name: 'nodes',
  summary: 'print the certnames of the nodes a PQL query matches (metadata addressing)',
  usage: "[--query 'PQL' | -F PATH=V -C CLASS -T EXT=V -E ENV --select COND] [--url URL]",
  about: 'Examples: --query \'facts.datacenter = "a" and trusted.extensions.pp_role = "web"\' (a condition on\n'
    + 'inventory), --query \'nodes[certname] { resources { type = "Class" and title ~ "Webserver" } }\'.\n'
    + 'Or select by metadata: -F os.family=Debian -C nginx -T pp_role=web -E production (ANDed),\n'
    + '--select \'facts.dc = "a" or facts.dc = "b"\' for or/not (a PQL condition on inventory).\n'
    + 'A query the server refuses prints its reason (a PQL syntax error names line and column) and exits 1.',
  options: NODES_OPTIONS,
}, async ({ values }, io) => {
  if (values.query !== undefined && hasSelector(values)) throw new UsageError('give --query or selector flags (-F -C -T -E --select), not both');
  const query = hasSelector(values) ? JSON.stringify(selectorQuery(selectorFromFlags(values))) : nodesQuery(values.query);
  const rows = await queryRows(troupeTarget(values), query);
  const names = new Set<string>();
  for (const row of rows) {
    const certname = (row as { certname?: unknown } | null)?.certname;
    if (typeof certname !== 'string') throw new CliError("the query's rows have no certname; project it, e.g. nodes[certname] { … }");
    names.add(certname);
  }
  io.out([...names].sort().map((n) => `${n}\n`).join(''));
  // stdout stays a list to pipe; the person at the terminal is told why it is empty.
  if (names.size === 0) io.err('troupe nodes: no node matches\n');
  return 0;
});
