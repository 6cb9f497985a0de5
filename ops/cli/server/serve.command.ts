import cluster from 'node:cluster';
import { TroupeApp } from '../../app/troupe-app.js';
import { SafetyNet } from '../../app/safety-net.js';
import type { TroupeConfig } from '../../config/troupe.config.js';
import { startFrontDoors, type FrontDoors } from '../../http/front-doors.js';
import { serveCluster } from '../../cluster/cluster-serve.js';
import { checkPuppet } from '../../puppet/puppet.compiler.js';
import { defineCommand } from '../cli-command.js';
import { ALL_SETTINGS, configFrom, configOptions } from '../config-options.js';
import { explainStartFailure, prepareDataDir } from './start-failure.js';
import { configureLog, log } from '../../log/logger.js';

/**
 * `troupe serve`: the log, the actors, the projections and the HTTP front
 * door — in one process (`--workers 0`) or with actors in a cluster.
 */
export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'run Troupe: event log, node actors, projections, HTTP on 127.0.0.1:8140',
  usage: '[options]',
  about: 'Each setting comes from, in increasing precedence: its default, the config file,\n'
    + 'its TROUPE_<NAME> environment variable, its flag. Stop with SIGTERM or SIGINT.',
  options: configOptions(ALL_SETTINGS),
}, async ({ values }) => {
  const config = configFrom(values);
  configureLog({ level: config.logLevel });
  SafetyNet.install(cluster.isPrimary ? 'serve' : `actor worker ${process.pid}`);
  prepareDataDir(config.dataDir);
  // Refused at once, not at the first compile: without Ruby and Puppet the backend cannot work.
  const puppet = config.compiler === 'puppet' && cluster.isPrimary ? ` (Puppet ${checkPuppet()})` : '';
  try {
    return config.workers > 0
      ? await serveCluster(config, config.workers, (doors) => announce(doors, config, `${config.workers} actor workers, compiler ${config.compiler}${puppet}`))
      : await serveInProcess(config, puppet);
  } catch (e) {
    throw explainStartFailure(e, config);
  }
});

async function serveInProcess(config: TroupeConfig, puppet: string): Promise<number> {
  const app = await TroupeApp.open(config);
  // Closed on a failed listen too, or its threads would keep the process alive.
  const doors = await startFrontDoors(app, config).catch(async (e: unknown) => {
    await app.close();
    throw e;
  });
  announce(doors, config, `compiler ${app.compiler.name}${puppet}`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, `${signal}: draining`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  // Stop admitting first, then let in-flight work settle and checkpoints commit.
  await doors.close();
  await app.close();
  log.info('troupe stopped');
  return 0;
}

/**
 * The lines scripts wait for: where Puppet's HTTPS door and the plain
 * listener (if any) are. Logged whatever `--log-level` says (a level that
 * hides `info` would leave them waiting).
 */
function announce(doors: FrontDoors, config: TroupeConfig, detail: string): void {
  const announcer = log.isLevelEnabled('info') ? log : log.child({}, { level: 'info' });
  announcer.info({ url: doors.https.url, dataDir: config.dataDir }, `troupe serving on ${doors.https.url} (data ${config.dataDir}, ${detail})`);
  if (doors.plain) announcer.info({ url: doors.plain.url }, `troupe plain HTTP for loopback tooling on ${doors.plain.url}`);
}
