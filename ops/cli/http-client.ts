import { UsageError } from './cli-args.js';

/** Talks to a running Troupe; errors carry the server's reason. */
export async function request(method: 'GET' | 'POST', url: string, body?: string): Promise<{ status: number; json: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, { method, ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }) });
  } catch (e) {
    throw new Error(`cannot reach Troupe at ${url}: ${(e as Error).cause ?? (e as Error).message}`);
  }
  const text = await res.text();
  let json: unknown = text;
  try { json = JSON.parse(text); } catch { /* plain text */ }
  return { status: res.status, json };
}

/** `--url`, shared by the commands that talk to a running Troupe. */
export const URL_OPTION = {
  type: 'string', value: 'URL', description: 'the running Troupe', defaultText: '$TROUPE_URL, else http://127.0.0.1:8140',
} as const;

/** The Troupe to talk to, refused before any request when it is not an http(s) URL. */
export function troupeUrl(flag: string | undefined): string {
  const url = (flag ?? process.env['TROUPE_URL'] ?? 'http://127.0.0.1:8140').replace(/\/+$/, '');
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--url: expected an http:// URL, got '${url}'`);
  return url;
}
