import { readFileSync } from 'node:fs';
import { UsageError, type OptionTable, type OptionValues } from '../cli-args.js';
import { defineCommand } from '../cli-command.js';
import { request, TARGET_OPTIONS, troupeTarget } from '../http-client.js';

const SUBMIT_OPTIONS = {
  command: { type: 'string', value: 'NAME', description: 'PuppetDB command, e.g. replace_facts' },
  version: { type: 'string', value: 'N', description: "the command's version" },
  node: { type: 'string', value: 'NAME', description: "the command's node (PuppetDB's certname parameter)" },
  event: { type: 'string', value: 'FILE', description: 'Troupe events to send' },
  'catalog-for': { type: 'string', value: 'CERTNAME', description: 'request a catalog as this agent' },
  facts: { type: 'string', value: 'FILE', description: "the agent's facts (plain or `puppet facts` output)" },
  environment: { type: 'string', value: 'NAME', description: "the agent's environment", default: 'production' },
  ...TARGET_OPTIONS,
} satisfies OptionTable;

const read = (file: string | undefined): string => readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');

/** `troupe submit`: sends work to a running Troupe over its HTTP API. */
export const submitCommand = defineCommand({
  name: 'submit',
  summary: 'send a PuppetDB command, a Troupe event or a catalog request to a running Troupe',
  usage: `--command NAME --version N [--certname NAME] [FILE]
       troupe submit --event FILE
       troupe submit --catalog-for CERTNAME --facts FILE [--environment NAME]`,
  about: 'A PuppetDB command is read from FILE (stdin when FILE is - or absent); events are\n'
    + 'a JSON object or array; a catalog request is answered with the catalog, printed.',
  positional: 'FILE',
  options: SUBMIT_OPTIONS,
}, async ({ values, positional }) => {
  const { path, body } = submission(values, positional);
  const res = await request(troupeTarget(values), 'POST', path, body);
  const out = JSON.stringify(res.json, null, 2);
  if (res.status >= 400) {
    console.error(`HTTP ${res.status}: ${out}`);
    return 1;
  }
  console.log(out);
  return 0;
});

/** What to POST where, for the one kind of submission the flags ask for. */
function submission(values: OptionValues<typeof SUBMIT_OPTIONS>, positional: string | undefined): { path: string; body: string } {
  if (values.command) {
    if (!values.version) throw new UsageError('--command needs --version');
    const q = new URLSearchParams({ command: values.command, version: values.version });
    if (values.node) q.set('certname', values.node);
    return { path: `/pdb/cmd/v1?${q}`, body: read(positional) };
  }
  if (positional !== undefined) throw new UsageError(`unexpected argument '${positional}': FILE goes with --command`);
  if (values.event) return { path: '/troupe/v1/events', body: read(values.event) };
  const certname = values['catalog-for'];
  if (!certname) throw new UsageError('one of --command, --event or --catalog-for is required');
  const facts = factsFrom(read(values.facts), values.facts ?? 'standard input (no --facts)');
  const factValues = (facts['values'] as Record<string, unknown> | undefined) ?? facts;
  return { path: '/puppet/v4/catalog', body: JSON.stringify({ certname, environment: values.environment, facts: { values: factValues } }) };
}

/** The facts of a catalog request: a JSON object, else a usage error that says where they were read from. */
function factsFrom(text: string, from: string): Record<string, unknown> {
  let facts: unknown;
  try {
    facts = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--facts: expected a JSON object of facts in ${from}: ${(e as Error).message}`);
  }
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) throw new UsageError(`--facts: expected a JSON object of facts in ${from}`);
  return facts as Record<string, unknown>;
}
