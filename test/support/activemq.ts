import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, '../../ops/scripts/activemq.sh');

/** A broker for one test file. */
export interface TestBroker {
  readonly port: number;
  readonly url: string;
  /** Stops the broker (keeping its data) and starts it again. */
  restart(): Promise<void>;
  stopBroker(): Promise<void>;
  startBroker(): Promise<void>;
  /** Stops it if this file started it; removes its data. */
  close(): Promise<void>;
}

export const isListening = (port: number): Promise<boolean> => new Promise((resolve) => {
  const s = createConnection(port, '127.0.0.1');
  s.once('connect', () => { s.destroy(); resolve(true); });
  s.once('error', () => resolve(false));
});

/**
 * Starts a loopback ActiveMQ on `port` with a fresh data directory, or
 * reuses one already listening there (then `close` leaves it running and
 * `restart` is refused). Rejects — so the test fails, never skips — when
 * the broker cannot start.
 */
export async function startTestBroker(port: number, options: { reuse?: boolean } = {}): Promise<TestBroker> {
  const url = `stomp://127.0.0.1:${port}`;
  if ((options.reuse ?? true) && await isListening(port)) {
    const refuse = () => Promise.reject(new Error(`broker on ${port} was not started by this test`));
    return { port, url, restart: refuse, stopBroker: refuse, startBroker: refuse, close: () => Promise.resolve() };
  }
  const data = mkdtempSync(join(tmpdir(), `troupe-amq-${port}-`));
  const script = (cmd: string) => run('bash', [SCRIPT, cmd, '--port', String(port), '--data', data], { timeout: 90_000 });
  await script('start');
  return {
    port, url,
    startBroker: async () => { await script('start'); },
    stopBroker: async () => { await script('stop'); },
    restart: async () => { await script('stop'); await script('start'); },
    close: async () => {
      await script('stop');
      rmSync(data, { recursive: true, force: true });
    },
  };
}
