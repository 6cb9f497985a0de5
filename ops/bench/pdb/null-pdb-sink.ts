import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A PuppetDB stand-in that reads each command's body and throws it away,
 * for measuring the load generator's own ceiling: the fastest any server
 * can be measured with it on this machine (the generator builds every
 * catalog and shares the cores). It answers the generator's status poll
 * with an empty queue and its metrics reads with 404 (the generator then
 * waits on the queue depth alone).
 */
export async function startNullPdbSink(): Promise<{ readonly url: string; readonly commands: () => number; close(): Promise<void> }> {
  let commands = 0;
  const server: Server = createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      if (req.method === 'POST' && req.url?.startsWith('/pdb/cmd/v1')) {
        commands++;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"uuid":"00000000-0000-0000-0000-000000000000"}');
      } else if (req.url?.startsWith('/status/v1/services/puppetdb-status')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"state":"running","status":{"queue_depth":0}}');
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    commands: () => commands,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
