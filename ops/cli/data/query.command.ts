import { UsageError } from '../cli-args.js';
import { defineCommand } from '../cli-command.js';
import { TARGET_OPTIONS, troupeTarget } from '../http-client.js';
import { queryRows } from './pdb-query-client.js';
import { rowTable } from './row-table.js';

const QUERY_OPTIONS = {
  limit: { type: 'string', value: 'N', description: 'at most N rows (PuppetDB\'s limit)', defaultText: 'all' },
  json: { type: 'boolean', description: 'one JSON object a line instead of a table' },
  ...TARGET_OPTIONS,
} as const;

/** `troupe query QUERY`: PuppetDB's query API (PQL or AST) of a running Troupe, on the terminal. */
export const queryCommand = defineCommand({
  name: 'query',
  summary: 'ask a running Troupe a PuppetDB query (PQL or AST) and print the rows',
  usage: "'QUERY' [--limit N] [--json] [--url URL]",
  about: 'QUERY is PQL (nodes[certname] { facts { name = "os" } }) or an AST with from\n'
    + '(["from", "nodes", ["=", "certname", "web01"]]), as PuppetDB\'s /pdb/query/v4 takes it.\n'
    + 'A query the server refuses prints its reason (a PQL syntax error names line and column) and exits 1.',
  positional: 'QUERY',
  options: QUERY_OPTIONS,
}, async ({ values, positional }, io) => {
  if (positional === undefined || positional.trim() === '') throw new UsageError('a QUERY is required');
  const limit = values.limit === undefined ? undefined : positiveInteger(values.limit);
  const rows = await queryRows(troupeTarget(values), positional, limit === undefined ? {} : { limit });
  io.out(values.json ? rows.map((r) => `${JSON.stringify(r)}\n`).join('') : rowTable(rows));
  return 0;
});

function positiveInteger(text: string): number {
  if (!/^[1-9]\d{0,8}$/.test(text)) throw new UsageError(`--limit: expected a positive whole number, got '${text}'`);
  return Number(text);
}
