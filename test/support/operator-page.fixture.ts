import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { eventually } from './eventually.js';
import { tempEnvironments, writeSite } from './puppet/puppet-env.fixture.js';
import { spawnServe, type ServeProcess } from './servers/serve-process.js';

/** Debian's `chromium` package puts it here. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless Debian chromium, or a failure (never a skip) telling CI what to install. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) assert.fail(`chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (Debian's package; the operator page's browser test and docs:screenshot need it)`);
  // Tests run as root, where chromium's sandbox cannot start.
  return puppeteer.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage'], headless: true });
}

/** A fact value that would run if the page ever rendered facts as markup. */
export const HOSTILE_MOTD = '<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true">';

/** The sample site, and `extra` node definitions after it (a later deployment's code). */
export const sampleSite = (extra = ''): string => `
node 'broken.example.com' {
  fail('role::storage is not defined for this node')
}
node default {
  file { '/etc/motd': content => "managed by troupe" }
  package { ['nginx', 'curl']: ensure => installed }
}
${extra}`;

const at = (minutesAgo: number): string => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const resource = (type: string, title: string, parameters: Record<string, unknown> = {}) =>
  ({ type, title, tags: [type.toLowerCase()], exported: false, parameters, file: '/etc/puppet/code/site.pp', line: 1 });

function facts(certname: string, family: string, extra: Record<string, unknown> = {}) {
  return {
    certname, environment: 'production', producer_timestamp: at(30), producer: 'puppet.example.com',
    values: { os: { family, release: { major: '12' } }, kernel: 'Linux', role: certname.split(/\d/)[0], ...extra },
  };
}

function catalog(certname: string, classes: string[]) {
  return {
    certname, environment: 'production', version: '1700000000', producer_timestamp: at(25), producer: 'puppet.example.com',
    transaction_uuid: null, catalog_uuid: null, code_id: null,
    resources: [resource('Class', 'main'), ...classes.map((c) => resource('Class', c)),
      resource('File', '/etc/motd', { ensure: 'file' }), resource('Service', 'postgresql', { ensure: 'running' }),
      resource('Package', 'postgresql-15', { ensure: 'installed' }), resource('Package', 'pgbackrest', { ensure: 'installed' })],
    edges: [],
  };
}

function report(certname: string, status: string, minutesAgo: number) {
  return {
    certname, environment: 'production', producer_timestamp: at(minutesAgo), producer: 'puppet.example.com',
    status, noop: false, noop_pending: false, corrective_change: false, configuration_version: '1700000000',
    transaction_uuid: null, catalog_uuid: null, code_id: null, job_id: null, cached_catalog_status: 'not_used',
    start_time: at(minutesAgo + 1), end_time: at(minutesAgo), puppet_version: '7.23.0', report_format: 12,
    resources: status === 'unchanged' ? [] : [{
      resource_type: 'Service', resource_title: 'postgresql', timestamp: at(minutesAgo), file: '/etc/puppet/code/site.pp', line: 4,
      containment_path: ['Stage[main]', 'Postgresql', 'Service[postgresql]'], skipped: false, corrective_change: false,
      events: [{
        status: status === 'failed' ? 'failure' : 'success', timestamp: at(minutesAgo), name: 'ensure', property: 'ensure',
        old_value: 'stopped', new_value: 'running', corrective_change: false,
        message: status === 'failed' ? 'Could not start Service[postgresql]: port 5432 in use' : "ensure changed 'stopped' to 'running'",
      }],
    }],
    metrics: [], logs: [],
  };
}

/** A running `troupe serve` with a small fleet; `close()` stops it and removes its files. */
export interface SampleTroupe {
  readonly serve: ServeProcess;
  /** The production environment's directory (its manifests/site.pp). */
  readonly codeDir: string;
  close(): Promise<void>;
}

/**
 * `troupe serve --plain-port 0` with five nodes: web1 and web2 compiled by
 * the built-in compiler (catalog requests), db1 stored by PuppetDB commands
 * (with {@link HOSTILE_MOTD} as a fact), broken.example.com whose compile
 * fails, new1.example.com with facts only; reports for web1, web2, db1.
 */
export async function startSampleTroupe(): Promise<SampleTroupe> {
  const dir = tempEnvironments('operator-page');
  const codeDir = writeSite(dir, 'production', sampleSite());
  const serve = await spawnServe(['--data-dir', join(dir, 'data'), '--code-dir', codeDir, '--workers', '1', '--compiler', 'builtin']);
  const close = async (): Promise<void> => {
    serve.child.kill('SIGTERM');
    await serve.exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await loadSampleFleet(serve.url);
  } catch (e) {
    await close();
    throw e;
  }
  return { serve, codeDir, close };
}

async function loadSampleFleet(url: string): Promise<void> {
  const command = async (name: string, version: number, body: unknown): Promise<void> => {
    const res = await fetch(`${url}/pdb/cmd/v1?command=${name}&version=${version}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    assert.equal(res.status, 200, `${name}: ${await res.text()}`);
  };
  const compile = async (certname: string, expected: number): Promise<void> => {
    const res = await fetch(`${url}/puppet/v4/catalog`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ certname, environment: 'production', facts: { values: facts(certname, 'Debian').values } }),
    });
    assert.equal(res.status, expected, `compile ${certname}: ${await res.text()}`);
  };
  for (const n of ['web1.example.com', 'web2.example.com', 'broken.example.com', 'new1.example.com']) await command('replace_facts', 5, facts(n, 'Debian'));
  await command('replace_facts', 5, facts('db1.example.com', 'RedHat', { motd: HOSTILE_MOTD }));
  await compile('web1.example.com', 200);
  await compile('web2.example.com', 200);
  await compile('broken.example.com', 500);
  await command('replace_catalog', 9, catalog('db1.example.com', ['Postgresql', 'Profile::Backup']));
  await command('store_report', 8, report('web1.example.com', 'changed', 5));
  await command('store_report', 8, report('web2.example.com', 'unchanged', 6));
  await command('store_report', 8, report('db1.example.com', 'failed', 7));
  await eventually(async () => {
    const status = await (await fetch(`${url}/status`)).json() as { queueDepth: number };
    const catalogs = await (await fetch(`${url}/pdb/query/v4/catalogs`)).json() as unknown[];
    const failures = await (await fetch(`${url}/troupe/v1/compile-failures`)).json() as unknown[];
    return status.queueDepth === 0 && catalogs.length === 3 && failures.length === 1;
  }, 30_000, 'the sample fleet projected');
}
