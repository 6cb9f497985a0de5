import { defineCommand } from './cli-command.js';
import { request, troupeUrl, URL_OPTION } from './http-client.js';

/** `troupe status [--url URL]`: queue depths and admission of a running Troupe. */
export const statusCommand = defineCommand({
  name: 'status',
  summary: "print a running Troupe's queue depths and admission state",
  usage: '[--url URL]',
  options: { url: URL_OPTION },
}, async ({ values }) => {
  const res = await request('GET', `${troupeUrl(values.url)}/status`);
  console.log(JSON.stringify(res.json, null, 2));
  return res.status === 200 ? 0 : 1;
});
