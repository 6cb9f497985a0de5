#!/usr/bin/env node
// Writes docs/operator-page.png (the fleet) and docs/operator-page-node.png (a node): `troupe serve` with the browser test's
// sample fleet, its operator page in headless Chromium (Debian's chromium).
// Usage: npm run docs:screenshot   (runs under tsx: it reuses the test's
// fixture, so the picture shows what the test checks)
import { join } from 'node:path';
import { packageRoot } from '../config/package-root.ts';
import { launchChromium, startSampleTroupe } from '../../test/support/operator-page.fixture.ts';

const docs = process.argv[2] ?? join(packageRoot(), 'docs');
const browser = await launchChromium();
const troupe = await startSampleTroupe();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
  const shots = [['/', 'operator-page.png'], ['/node/web1.example.com', 'operator-page-node.png']];
  for (const [view, file] of shots) {
    await page.goto(`${troupe.serve.url}/#${view}`, { waitUntil: 'load' });
    await page.waitForFunction((v) => document.body.dataset.ready === v, { timeout: 20_000 }, view);
    await page.screenshot({ path: join(docs, file), fullPage: true });
    console.log(`wrote ${join(docs, file)}`);
  }
} finally {
  await browser.close();
  await troupe.close();
}
