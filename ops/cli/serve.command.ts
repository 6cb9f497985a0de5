import { TroupeApp } from '../app/troupe-app.js';
import { loadConfig } from '../config/troupe.config.js';
import { startHttpServer } from '../http/http-server.js';
import type { CliArgs } from './cli-args.js';

/** `troupe serve`: the log, the actors, the projections and the HTTP front door. */
export async function serveCommand(args: CliArgs): Promise<number> {
  const config = loadConfig(args.flags);
  const app = await TroupeApp.open(config);
  const http = await startHttpServer(app, config.host, config.port);
  console.log(`troupe serving on ${http.url} (data ${config.dataDir}, compiler ${app.compiler.name})`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`${signal}: draining`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  // Stop admitting first, then let in-flight work settle and checkpoints commit.
  await http.close();
  await app.close();
  console.log('troupe stopped');
  return 0;
}
