import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { packageRoot } from '../../../../ops/config/package-root.js';
import { BodyBudget } from '../../../../ops/http/body-budget.js';
import { createRequestListener, type ClientIdentity } from '../../../../ops/http/http-router.js';
import { listen, type Listening } from '../../../../ops/http/listen.js';
import { OPERATOR_PAGE_CSP, operatorPageRoutes } from '../../../../ops/http/routes/ui.route.js';

const servers: Listening[] = [];
after(async () => { for (const s of servers) await s.close(); });

/** The page's routes alone, the client being whoever `client` says (an HTTPS door's identity). */
async function serve(client: ClientIdentity): Promise<string> {
  const listener = createRequestListener(operatorPageRoutes(), {
    body: { maxBytes: 1 << 20, budget: new BodyBudget(1 << 24), retryAfterSeconds: () => 1 }, identify: () => client,
  });
  const s = await listen([createServer(listener)], '127.0.0.1', 0, 'http');
  servers.push(s);
  return s.url;
}

const PATHS = ['/', '/ui/operator-page.js', '/ui/operator-page.css'];

describe('the operator page route', () => {
  it('serves its files to operators with content type, CSP, no-cache and an ETag that answers 304', async () => {
    const url = await serve({ certname: 'ops.example.com', trusted: null, admin: true });
    const types = ['text/html; charset=utf-8', 'text/javascript; charset=utf-8', 'text/css; charset=utf-8'];
    for (const [i, path] of PATHS.entries()) {
      const res = await fetch(`${url}${path}`);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), types[i]);
      assert.equal(res.headers.get('content-security-policy'), OPERATOR_PAGE_CSP);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      const etag = res.headers.get('etag');
      assert.match(etag ?? '', /^"[\w-]+"$/);
      await res.arrayBuffer();
      const again = await fetch(`${url}${path}`, { headers: { 'if-none-match': etag! } });
      assert.equal(again.status, 304);
      assert.equal(await again.text(), '');
    }
    assert.equal((await fetch(`${url}/ui/other.js`)).status, 404);
  });

  it('refuses nodes and clients without a certificate (deny by default, as the APIs it reads)', async () => {
    for (const client of [{ certname: 'web1.example.com', trusted: null, admin: false }, { certname: null, trusted: null, admin: false }]) {
      const url = await serve(client);
      for (const path of PATHS) assert.equal((await fetch(`${url}${path}`)).status, 403, `${path} for ${client.certname}`);
    }
  });

  it('allows no inline script or style and no other origin', () => {
    const directives = new Map(OPERATOR_PAGE_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    for (const d of ['script-src', 'style-src', 'connect-src']) assert.deepEqual(directives.get(d), ["'self'"], d);
    assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
  });

  it('renders data through DOM APIs only: the script never parses markup', () => {
    const script = readFileSync(join(packageRoot(), 'ops/http/ui/operator-page.js'), 'utf8');
    assert.doesNotMatch(script, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|\beval\(|new Function/);
    const html = readFileSync(join(packageRoot(), 'ops/http/ui/index.html'), 'utf8');
    assert.doesNotMatch(html, /<script>|<style|\sstyle=|\son\w+=/, 'no inline script, style or handler (the CSP would refuse them)');
  });
});
