import type { CliArgs } from './cli-args.js';
import { defaultUrl, request } from './http-client.js';

/** `troupe status [--url URL]`: queue depths and admission of a running Troupe. */
export async function statusCommand(args: CliArgs): Promise<number> {
  const res = await request('GET', `${defaultUrl(args.flags)}/status`);
  console.log(JSON.stringify(res.json, null, 2));
  return res.status === 200 ? 0 : 1;
}
