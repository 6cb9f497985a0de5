import { ConfigError } from '../../../core/errors/troupe-error.js';

/** A parsed broker address. */
export interface StompEndpoint {
  readonly host: string;
  readonly port: number;
  /** True for `stomp+ssl://` (TLS via node:tls). */
  readonly tls: boolean;
  /** From the URL's user part, if any (`stomp://user:pass@host`). */
  readonly login?: string;
  readonly passcode?: string;
  /** From the URL's path, if any (`stomp://host/prod`; `/%2F` is `/`). */
  readonly virtualHost?: string;
}

/** Default ports: ActiveMQ's STOMP and STOMP+SSL connectors. */
export const DEFAULT_STOMP_PORT = 61613;
export const DEFAULT_STOMP_SSL_PORT = 61614;

/**
 * Parses `stomp://[user:pass@]host[:port][/vhost]` or the same with
 * `stomp+ssl://` (also `stomp+tls://`, `stomps://`); user, password and
 * vhost are percent-decoded. Throws a `config_invalid` error naming
 * `field` on anything else.
 *
 * @example parseStompUrl('stomp://127.0.0.1:61613') // { host: '127.0.0.1', port: 61613, tls: false }
 * @example parseStompUrl('stomp://troupe:s3cret@mq/%2F') // { host: 'mq', port: 61613, tls: false, login: 'troupe', passcode: 's3cret', virtualHost: '/' }
 */
export function parseStompUrl(url: string, field = 'brokerUrl'): StompEndpoint {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(field, `not a URL: ${JSON.stringify(url)}`);
  }
  const scheme = u.protocol.replace(/:$/, '');
  const tls = scheme === 'stomp+ssl' || scheme === 'stomp+tls' || scheme === 'stomps';
  if (!tls && scheme !== 'stomp') throw new ConfigError(field, `expected stomp:// or stomp+ssl://, got ${scheme}://`);
  if (!u.hostname) throw new ConfigError(field, 'missing host');
  const port = u.port ? Number(u.port) : tls ? DEFAULT_STOMP_SSL_PORT : DEFAULT_STOMP_PORT;
  const vhost = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''), port, tls,
    ...(u.username ? { login: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { passcode: decodeURIComponent(u.password) } : {}),
    ...(vhost ? { virtualHost: decodeURIComponent(vhost) } : {}),
  };
}
