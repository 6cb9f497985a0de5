import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { runAgentCommand } from '../../../ops/cli/fleet/agent.command.js';
import type { TroupeConfig } from '../../../ops/config/troupe.config.js';
import { tempEnvironments, writeSite } from '../puppet/puppet-env.fixture.js';
import { closeAll, type StompTestFile } from './stomp.fixture.js';
import { startTestTroupe, type TestTroupe } from '../servers/troupe-instance.js';

const PUPPET = '/usr/bin/puppet';

/** A `troupe serve` wired to a test file's broker, and the environments directory it compiles. */
export interface BrokerTroupe {
  readonly envs: string;
  /** Inside tests only (started by the file's `before`). */
  readonly troupe: TestTroupe;
}

/**
 * For the calling test file: `troupe serve` with the built-in compiler,
 * one compile at a time, no workers, on `file`'s broker, with `site` as
 * production's manifest; stopped and removed after the file.
 */
export function troupeOnBroker(file: StompTestFile, name: string, site: string, overrides: Partial<TroupeConfig> = {}): BrokerTroupe {
  const envs = tempEnvironments(name);
  let troupe: TestTroupe | undefined;
  before(async () => {
    writeSite(envs, 'production', site);
    troupe = await startTestTroupe({ compiler: 'builtin', environmentsDir: envs, workers: 0, compileConcurrency: 1, stompUrl: file.broker.url, ...overrides });
  });
  after(async () => {
    await closeAll();
    await troupe?.stop();
    rmSync(envs, { recursive: true, force: true });
  });
  return {
    envs,
    get troupe() {
      if (!troupe) throw new Error('troupe is not started yet (use it inside tests)');
      return troupe;
    },
  };
}

/**
 * `troupe agent` for `certname` on `file`'s broker, catalogs under the
 * file's directory, each applied with `apply` — by default real Puppet in
 * noop when it is installed. Resolves with its exit code.
 */
export function brokerAgent(file: StompTestFile, certname: string, limits: readonly string[], apply?: string): Promise<number> {
  const command = apply ?? (existsSync(PUPPET) ? `cd ${file.dir} && ${PUPPET} apply --noop --detailed-exitcodes --catalog {file}` : undefined);
  return runAgentCommand([
    '--certname', certname, '--broker', file.broker.url, '--dir', join(file.dir, certname), ...limits, ...(command ? ['--apply', command] : []),
  ]);
}
