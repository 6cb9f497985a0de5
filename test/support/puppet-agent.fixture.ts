import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../ops/config/package-root.js';

const support = join(packageRoot(), 'test', 'support');

/** Whether Puppet's Ruby library is installed here (tests that need it skip otherwise). */
export const puppetInstalled: boolean = spawnSync('ruby', ['-rpuppet', '-e', 'exit 0']).status === 0;

/** The body a real Puppet 7 agent POSTs to `/puppet/v3/catalog/<certname>`, made by Puppet's own code. */
export function puppetCatalogRequestBody(certname: string, facts: Record<string, unknown>, environment = 'production'): string {
  const r = spawnSync('ruby', [join(support, 'puppet-catalog-request.rb'), certname, environment], { input: JSON.stringify(facts), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`puppet-catalog-request.rb failed: ${r.stderr}`);
  return r.stdout;
}

/** A report a real `puppet agent -t` (7.23) sent (report format 12), host `agent1.example.com`. */
export function puppetAgentReport(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(support, 'puppet-report.format12.json'), 'utf8')) as Record<string, unknown>;
}
