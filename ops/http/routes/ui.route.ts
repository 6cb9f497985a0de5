import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../config/package-root.js';
import type { Route } from '../http-router.js';

/** The operator page's files: served path → file under `ops/http/ui/` and its content type. */
const ASSETS = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/ui/operator-page.js': { file: 'operator-page.js', type: 'text/javascript; charset=utf-8' },
  '/ui/operator-page.css': { file: 'operator-page.css', type: 'text/css; charset=utf-8' },
} as const;

/**
 * Nothing but the page's own files and its own API: no inline script or
 * style, no other origin, no framing. Facts are untrusted input; even if
 * one ever reached the DOM as markup, it could not run.
 */
export const OPERATOR_PAGE_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self'",
  "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

/** Options of {@link operatorPageRoutes}. */
export interface OperatorPageOptions {
  /** Where the page's files are. @defaultValue `ops/http/ui` under the package root (the same from `dist/`) */
  readonly dir?: string;
}

/**
 * `GET /` and its script and stylesheet: Troupe's operator page, static
 * files read once at start (three small files), each with a strong ETag
 * (`If-None-Match` → 304) and `no-cache` so a new release is picked up on
 * the next load. Admin routes, as the APIs the page reads: open on the
 * loopback plain listener, admin certificates on HTTPS.
 */
export function operatorPageRoutes(options: OperatorPageOptions = {}): Route[] {
  const dir = options.dir ?? join(packageRoot(), 'ops/http/ui');
  return Object.entries(ASSETS).map(([path, { file, type }]) => {
    const body = readFileSync(join(dir, file));
    const asset: Asset = { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    return {
      method: 'GET',
      pattern: new RegExp(`^${path.replaceAll('.', '\\.')}$`),
      handle({ req, res }) {
        const headers = {
          etag: asset.etag, 'cache-control': 'no-cache', 'content-security-policy': OPERATOR_PAGE_CSP,
          'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer',
        };
        if (req.headers['if-none-match'] === asset.etag) {
          res.writeHead(304, headers);
          res.end();
          return;
        }
        res.writeHead(200, { ...headers, 'content-type': asset.type, 'content-length': asset.body.length });
        res.end(asset.body);
      },
    } satisfies Route;
  });
}
