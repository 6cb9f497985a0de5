import { readFileSync } from 'node:fs';
import type { CliArgs } from './cli-args.js';
import { defaultUrl, request } from './http-client.js';

const USAGE = `usage:
  troupe submit --command replace_facts --version 5 FILE   a PuppetDB command (FILE or - for stdin)
  troupe submit --event FILE                                one or more Troupe events (JSON object or array)
  troupe submit --catalog-for CERTNAME --facts FILE         request a catalog as an agent would, print it
options: --url URL (default $TROUPE_URL or http://127.0.0.1:8140)`;

/** `troupe submit`: sends work to a running Troupe over its HTTP API. */
export async function submitCommand(args: CliArgs): Promise<number> {
  const url = defaultUrl(args.flags);
  const read = (file: string | undefined) => readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');
  let res: { status: number; json: unknown };
  if (args.flags['command']) {
    const q = new URLSearchParams({ command: args.flags['command'], version: args.flags['version'] ?? '' });
    if (args.flags['certname']) q.set('certname', args.flags['certname']);
    res = await request('POST', `${url}/pdb/cmd/v1?${q}`, read(args.positional[0]));
  } else if (args.flags['event']) {
    res = await request('POST', `${url}/troupe/v1/events`, read(args.flags['event']));
  } else if (args.flags['catalogFor']) {
    const facts = JSON.parse(read(args.flags['facts'])) as Record<string, unknown>;
    const values = (facts['values'] as Record<string, unknown> | undefined) ?? facts;
    res = await request('POST', `${url}/puppet/v4/catalog`, JSON.stringify({
      certname: args.flags['catalogFor'], environment: args.flags['environment'] ?? 'production', facts: { values },
    }));
  } else {
    console.error(USAGE);
    return 2;
  }
  const out = JSON.stringify(res.json, null, 2);
  if (res.status >= 400) {
    console.error(`HTTP ${res.status}: ${out}`);
    return 1;
  }
  console.log(out);
  return 0;
}
