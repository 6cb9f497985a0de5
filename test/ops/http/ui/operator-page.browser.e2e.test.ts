import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { eventually } from '../../../support/eventually.js';
import { HOSTILE_MOTD, launchChromium, sampleSite, startSampleTroupe, type SampleTroupe } from '../../../support/operator-page.fixture.js';

const texts = (page: Page, selector: string): Promise<string[]> =>
  page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').trim()));

/** Navigates within the page and waits until it has rendered that view. */
async function open(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction((h) => document.body.dataset['ready'] === h.replace(/^#/, ''), { timeout: 20_000 }, hash);
}

describe('the operator page in headless Chromium against troupe serve', () => {
  let troupe: SampleTroupe | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  before(async () => {
    browser = await launchChromium();
    troupe = await startSampleTroupe();
    page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
    const res = await page.goto(`${troupe.serve.url}/`, { waitUntil: 'load' });
    assert.equal(res?.status(), 200);
    await page.waitForFunction(() => document.body.dataset['ready'] === '/', { timeout: 20_000 });
  });
  after(async () => {
    await browser?.close();
    await troupe?.close();
  });

  it('serves the page with a strict CSP, content types and ETags', async () => {
    const root = await fetch(`${troupe!.serve.url}/`);
    assert.equal(root.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(root.headers.get('content-security-policy') ?? '', /default-src 'none'.*script-src 'self'/);
    const etag = root.headers.get('etag');
    assert.ok(etag);
    const again = await fetch(`${troupe!.serve.url}/`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    const js = await fetch(`${troupe!.serve.url}/ui/operator-page.js`);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    const css = await fetch(`${troupe!.serve.url}/ui/operator-page.css`);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
  });

  it('shows the fleet: node count, names, statuses and the failed compile', async () => {
    assert.equal(await page.$eval('#node-count .n', (e) => e.textContent), '5');
    assert.deepEqual(await texts(page, '#nodes tbody tr td:first-child'),
      ['broken.example.com', 'db1.example.com', 'new1.example.com', 'web1.example.com', 'web2.example.com']);
    assert.deepEqual(await texts(page, '#nodes tbody tr td:nth-child(2)'), ['compile failed', 'failed', 'unreported', 'changed', 'unchanged']);
    assert.deepEqual(await texts(page, 'table.failures tbody tr td:first-child'), ['broken.example.com']);
    assert.match((await texts(page, 'table.failures tbody tr td:nth-child(4)'))[0]!, /role::storage is not defined/);
    assert.match(await page.$eval('#server-status', (e) => e.textContent ?? ''), /running .*admission open/);
    await page.click('.tile-failed');
    assert.deepEqual(await texts(page, '#nodes tbody tr td:first-child'), ['db1.example.com'], 'a tile shows its nodes');
    await page.click('.tile-failed');
    assert.equal((await texts(page, '#nodes tbody tr td:first-child')).length, 5, 'a second click shows all again');
  });

  it('opens a node: its facts, catalog summary, reports and timeline', async () => {
    await page.click('#nodes a[href="#/node/web1.example.com"]');
    await page.waitForFunction(() => document.body.dataset['ready'] === '/node/web1.example.com', { timeout: 20_000 });
    assert.equal(await page.$eval('#node-name', (e) => e.textContent), 'web1.example.com');
    assert.deepEqual(await texts(page, 'table.facts tbody td:first-child'), ['kernel', 'os', 'role']);
    // The built-in compiler's catalog: Stage[main], Node[default], Class[main] and Class[Settings] beside the site's resources.
    assert.deepEqual(await page.$$eval('table.resource-types tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent))),
      [['Class', '2'], ['Package', '2'], ['File', '1'], ['Node', '1'], ['Stage', '1']]);
    assert.match(await page.$eval('#classes', (e) => e.textContent ?? ''), /^Settings, main$|^main, Settings$/);
    assert.deepEqual(await texts(page, 'table.reports tbody td:nth-child(2)'), ['changed']);
    const timeline = await texts(page, 'table.timeline tbody td:nth-child(3)');
    for (const type of ['facts_submitted', 'catalog_requested', 'catalog_compiled', 'report_submitted']) assert.ok(timeline.includes(type), `${type} in ${timeline.join(', ')}`);
    const what = await page.$$eval('table.timeline tbody tr', (rows) => Object.fromEntries(rows.map((r) => [r.cells[2]?.textContent, r.cells[3]?.textContent])));
    assert.match(what['catalog_compiled']!, /^7 resources, hash [0-9a-f]{12}, [\d.]+ ms by builtin$/);
    assert.match(what['report_submitted']!, /^status changed, config version 1700000000$/);
  });

  it('shows a fact value holding markup as text, and no script runs', async () => {
    await open(page, '#/node/db1.example.com');
    const motd = await page.$$eval('table.facts tbody tr', (rows) =>
      rows.filter((r) => r.cells[0]?.textContent === 'motd').map((r) => r.cells[1]?.textContent));
    assert.deepEqual(motd, [HOSTILE_MOTD]);
    assert.equal(await page.$('table.facts script, table.facts img'), null);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned), undefined);
    assert.deepEqual(await texts(page, 'table.reports tbody td:nth-child(2)'), ['failed']);
    // PuppetDB's `reports` endpoint, where Troupe answers it, brings the newest report's resource events.
    if ((await fetch(`${troupe!.serve.url}/pdb/query/v4/reports`)).ok) {
      assert.deepEqual(await texts(page, 'table.report-events tbody td:nth-child(2)'), ['Service[postgresql]']);
      assert.match((await texts(page, 'table.report-events tbody td:nth-child(5)'))[0]!, /port 5432 in use/);
    }
  });

  it('runs a PQL query and shows the matching rows', async () => {
    await open(page, '#/query');
    await page.$eval('#pql', (e) => { (e as HTMLTextAreaElement).value = ''; });
    await page.type('#pql', 'inventory[certname, facts.os.family] { facts.os.family = "Debian" order by certname }');
    await page.click('#run-query');
    await page.waitForSelector('#row-count', { timeout: 20_000 });
    assert.equal(await page.$eval('#row-count', (e) => e.textContent), '4 rows');
    assert.deepEqual(await texts(page, 'table.query-rows thead th'), ['certname', 'facts.os.family']);
    assert.deepEqual(await texts(page, 'table.query-rows tbody td:first-child'),
      ['broken.example.com', 'new1.example.com', 'web1.example.com', 'web2.example.com']);
  });

  it("shows PuppetDB's error text for a bad query", async () => {
    await page.$eval('#pql', (e) => { (e as HTMLTextAreaElement).value = ''; });
    await page.type('#pql', 'nodes[certname] { bogus = 1 }');
    await page.click('#run-query');
    await page.waitForSelector('#query-error', { timeout: 20_000 });
    const shown = await page.$eval('#query-error', (e) => e.textContent ?? '');
    const direct = await fetch(`${troupe!.serve.url}/pdb/query/v4?query=${encodeURIComponent('nodes[certname] { bogus = 1 }')}`);
    assert.equal(direct.status, 400);
    assert.equal(shown, await direct.text());
    assert.match(shown, /'bogus' is not a queryable object for nodes/);
  });

  // Last: its recompiles change the nodes' catalogs.
  it('shows an open deployment with its progress, then, without a reload, finished', async () => {
    // The new code makes new1's compile take a second or more of CPU, so the deployment stays open while the page shows it.
    writeFileSync(join(troupe!.codeDir, 'manifests/site.pp'), sampleSite(`node 'new1.example.com' {
  $n = Integer[1, 300000].map |$i| { Integer[1, 20].reduce |$a, $b| { $a + $b } }
  notify { "sums \${$n.length}": }
}
`));
    const res = await fetch(`${troupe!.serve.url}/troupe/v1/deployments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"environment":"production"}' });
    const body = await res.text();
    assert.equal(res.status, 202, body);
    const { codeId, deploymentId } = JSON.parse(body) as { codeId: string; deploymentId: string };
    // The feeder plans it from the log, a moment after the request.
    await eventually(async () => {
      const d = await (await fetch(`${troupe!.serve.url}/troupe/v1/deployments`)).json() as { open: { deploymentId: string }[] };
      return d.open.some((x) => x.deploymentId === deploymentId);
    }, 10_000, 'the deployment planned');
    await open(page, '#/query');
    await open(page, '#/');
    const row = (): Promise<string[]> => page.$$eval('table.deployments tbody tr', (rows) => [...rows[0]!.cells].map((c) => (c.textContent ?? '').trim()));
    const [, environment, code, scope, progress, , , , , state] = await row();
    assert.deepEqual([environment, code, scope, state], ['production', codeId.slice(0, 12), 'environment', 'open']);
    assert.match(progress!, /^[0-4] \/ 5$/, 'answered of the 5 nodes with facts, new1 not yet');
    assert.equal(await page.$eval('table.deployments tbody tr progress', (p) => (p as HTMLProgressElement).max), 5);
    // The page reads the deployments again while one is open.
    await page.waitForFunction(() => document.querySelector('table.deployments tbody tr td:last-child')?.textContent === 'completed', { timeout: 60_000 });
    const done = await row();
    assert.equal(done[4], '5 / 5');
    assert.equal(done.slice(5, 8).map(Number).reduce((a, b) => a + b, 0), 5, 'changed + unchanged + failed');
    assert.ok(Number(done[7]) >= 1, "broken.example.com's compile still fails");
    assert.equal(done[8], '0', 'nothing in flight');
  });

  it('shows an open staged rollout (wave, nodes moved, gate) until it is aborted', async () => {
    const next = join(dirname(troupe!.codeDir), 'production-next');
    mkdirSync(join(next, 'manifests'), { recursive: true });
    writeFileSync(join(next, 'manifests/site.pp'), sampleSite("node 'web9.example.com' { notify { 'next': } }\n"));
    const url = troupe!.serve.url;
    const post = (path: string, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const started = await post('/troupe/v1/deployments', { environment: 'production', codeDir: next, waves: '1,rest', pace: '1h' });
    assert.equal(started.status, 202, await started.text());
    await eventually(async () => {
      const r = await (await fetch(`${url}/troupe/v1/rollouts`)).json() as { open: { moved: number }[] };
      return r.open[0]?.moved === 1;
    }, 20_000, 'the first wave moved');
    await open(page, '#/query');
    await open(page, '#/');
    const cells = await page.$$eval('table.rollouts tbody tr', (rows) => [...rows[0]!.cells].map((c) => (c.textContent ?? '').trim()));
    const [environment, , phase, wave, moved, gate] = cells;
    assert.deepEqual([environment, phase, wave, moved], ['production', 'running', '1 / 2 (1, rest)', '1 / 5']);
    assert.match(gate!, /^\d+ of \d+ \(at most 5 %\)$/);
    // The page reads the rollouts again while one is open: aborted, it leaves the page.
    assert.equal((await post('/troupe/v1/rollouts/production/abort', {})).status, 202);
    await page.waitForFunction(() => document.querySelector('table.rollouts') === null, { timeout: 60_000 });
  });

  it('ran without page errors or CSP violations', () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(cspViolations, []);
  });
});
