import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from './cli-args.js';
import { CliError } from './cli-command.js';

/** Client TLS material: a certificate the Troupe CA signed, its key, and the CA to trust. */
export interface ClientTls {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

/** A running Troupe and, over HTTPS, the certificate to present to it. */
export interface Target {
  readonly url: string;
  readonly tls: ClientTls | undefined;
}

/** Options shared by the commands that talk to a running Troupe. */
export const TARGET_OPTIONS = {
  url: {
    type: 'string', value: 'URL', description: 'the running Troupe (https://, or the http:// of a --plain-port listener)',
    defaultText: '$TROUPE_URL, else https://127.0.0.1:8140',
  },
  'data-dir': { type: 'string', value: 'DIR', description: "the server's data directory, where its certificate is", default: './.troupe' },
  'ssl-dir': { type: 'string', value: 'DIR', description: 'the ssldir with the certificate to present', defaultText: 'DATA-DIR/ssl' },
  certname: { type: 'string', value: 'NAME', description: 'the certificate to present (the server\'s own carries admin rights)', defaultText: "this host's name" },
} as const;

type TargetValues = { readonly url?: string | undefined; readonly 'data-dir': string; readonly 'ssl-dir'?: string | undefined; readonly certname?: string | undefined };

/**
 * Where to send requests, refused before any request when the URL is not
 * http(s) or, for HTTPS, when the certificate is not there. By default the
 * CLI presents the server's own certificate (marked `pp_cli_auth`, as
 * puppetserver's CA CLI does), so it works on the server's machine as is.
 */
export function troupeTarget(values: TargetValues): Target {
  const url = (values.url ?? process.env['TROUPE_URL'] ?? 'https://127.0.0.1:8140').replace(/\/+$/, '');
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--url: expected an http:// or https:// URL, got '${url}'`);
  if (new URL(url).protocol === 'http:') return { url, tls: undefined };
  const sslDir = resolve(values['ssl-dir'] ?? join(values['data-dir'], 'ssl'));
  const certname = values.certname ?? hostname().toLowerCase();
  return { url, tls: clientTls(sslDir, certname) };
}

function clientTls(sslDir: string, certname: string): ClientTls {
  const files = { cert: join(sslDir, 'certs', `${certname}.pem`), key: join(sslDir, 'private_keys', `${certname}.pem`), ca: join(sslDir, 'ca', 'ca_crt.pem') };
  const caFallback = join(sslDir, 'certs', 'ca.pem');
  if (!existsSync(files.ca) && existsSync(caFallback)) files.ca = caFallback;
  const missing = Object.values(files).filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new CliError(`no certificate for ${certname} in ${sslDir} (missing ${missing.join(', ')}); start troupe serve once with this --data-dir (it creates the CA and its own certificate), pass --ssl-dir/--certname, or use the http:// URL of a --plain-port listener`);
  }
  return { cert: readFileSync(files.cert, 'utf8'), key: readFileSync(files.key, 'utf8'), ca: readFileSync(files.ca, 'utf8') };
}

/** Talks to a running Troupe; errors carry the server's reason. */
export function request(target: Target, method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; json: unknown }> {
  const url = new URL(`${target.url}${path}`);
  const headers = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  return new Promise((resolvePromise, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method, headers, agent: false, ...(target.tls ?? {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = text;
        try { json = JSON.parse(text); } catch { /* plain text */ }
        resolvePromise({ status: res.statusCode ?? 0, json });
      });
      res.on('error', reject);
    });
    req.on('error', (e) => reject(new CliError(`cannot reach Troupe at ${target.url} (${e.message}); is troupe serve running there? Start it, or point --url (or $TROUPE_URL) at it`)));
    req.end(body);
  });
}

/** The reason in an error answer (`{"error": …}` or `{"message": …}`), else the answer as JSON. */
export function messageOf(json: unknown): string {
  if (typeof json === 'object' && json !== null) {
    for (const key of ['message', 'error']) if (key in json) return String((json as Record<string, unknown>)[key]);
  }
  return JSON.stringify(json);
}
