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

export const defaultUrl = (flags: Readonly<Record<string, string>>): string =>
  (flags['url'] ?? process.env['TROUPE_URL'] ?? 'http://127.0.0.1:8140').replace(/\/+$/, '');
