import { execFile as execFileCallback, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../ops/config/package-root.js';

const support = join(packageRoot(), 'test', 'support', 'puppet');
const execFile = promisify(execFileCallback);

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

/** What Puppet makes of a catalog: its inlined file metadata, and each inlined file's content fetched from `baseUrl` by Puppet's File type (`puppet-static-catalog.rb`). */
export async function puppetReadStaticCatalog(catalogJson: string, baseUrl: string): Promise<PuppetStaticCatalogView> {
  // Not spawnSync: the Troupe it asks runs on this process's event loop.
  const ruby = execFile('ruby', [join(support, 'puppet-static-catalog.rb'), baseUrl], { encoding: 'utf8', timeout: 120_000 });
  ruby.child.stdin!.end(catalogJson);
  const { stdout } = await ruby;
  return JSON.parse(stdout) as PuppetStaticCatalogView;
}

export interface PuppetStaticCatalogView {
  readonly code_id: string | null;
  readonly metadata: Record<string, unknown>;
  readonly recursive_metadata: Record<string, unknown>;
  /** Title → the content fetched, or the error Puppet raised. */
  readonly content: Record<string, string | { error: string }>;
  /** What the File type asked its file server service: `[method, {path, environment, code_id?}]`. */
  readonly requests: ReadonlyArray<[string, Record<string, string | null>]>;
}
