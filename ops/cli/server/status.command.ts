import { defineCommand } from '../cli-command.js';
import { request, TARGET_OPTIONS, troupeTarget } from '../http-client.js';

/** `troupe status [--url URL]`: queue depths and admission of a running Troupe. */
export const statusCommand = defineCommand({
  name: 'status',
  summary: "print a running Troupe's queue depths and admission state",
  usage: '[--url URL] [--data-dir DIR]',
  options: TARGET_OPTIONS,
}, async ({ values }) => {
  const res = await request(troupeTarget(values), 'GET', '/status');
  console.log(JSON.stringify(res.json, null, 2));
  return res.status === 200 ? 0 : 1;
});
