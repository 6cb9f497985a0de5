import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, '../../../ops/scripts/activemq.sh');

/** A broker for one test file. */
export interface TestBroker {
  readonly port: number;
  readonly url: string;
  /** `stomp+ssl://` URL when started with `sslPort`. */
  readonly sslUrl: string | null;
  /** PEM of the broker's self-signed certificate (trust it as `ca`), when started with `sslPort`. */
  readonly certificatePath: string | null;
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

/** Options of {@link startTestBroker}. */
export interface TestBrokerOptions {
  /**
   * Use a broker already listening on the port instead of starting one
   * (quicker, but shared with whoever else uses it: their consumers can
   * take this file's messages). Never with `sslPort` or `plugins`.
   * @defaultValue true
   */
  readonly reuse?: boolean;
  readonly sslPort?: number;
  readonly plugins?: string;
}

/** `activemq.sh start`'s exit status when another process has the port. */
const PORT_TAKEN = 4;

/**
 * Starts a loopback ActiveMQ on `port` with a fresh data directory (and
 * `plugins`, an XML file of `<plugins>` such as authorization), or
 * reuses one already listening there (then `close` leaves it running and
 * `restart` is refused). Given several ports, takes the first it can: one
 * with a broker to reuse, else one it starts a broker on (one taken by
 * another process, say a concurrent run's broker, is passed over), so
 * with `reuse: false` concurrent runs of a file each get a broker of their
 * own. Rejects — so the test fails, never skips — when the broker cannot
 * start or every port is taken.
 */
export async function startTestBroker(port: number | readonly number[], options: TestBrokerOptions = {}): Promise<TestBroker> {
  const ports = typeof port === 'number' ? [port] : port;
  for (const p of ports) {
    const broker = await startOn(p, options);
    if (broker) return broker;
  }
  throw new Error(`no ActiveMQ for this test: every port of ${ports.join(', ')} is taken by another process`);
}

/** The broker on `port`, or undefined when another process has the port. */
async function startOn(port: number, options: TestBrokerOptions): Promise<TestBroker | undefined> {
  const url = `stomp://127.0.0.1:${port}`;
  const ssl = [
    ...(options.sslPort === undefined ? [] : ['--ssl-port', String(options.sslPort)]),
    ...(options.plugins === undefined ? [] : ['--plugins', options.plugins]),
  ];
  if ((options.reuse ?? true) && options.sslPort === undefined && options.plugins === undefined && await isListening(port)) {
    const refuse = () => Promise.reject(new Error(`broker on ${port} was not started by this test`));
    return { port, url, sslUrl: null, certificatePath: null, restart: refuse, stopBroker: refuse, startBroker: refuse, close: () => Promise.resolve() };
  }
  const data = mkdtempSync(join(tmpdir(), `troupe-amq-${port}-`));
  const script = (cmd: string) => run('bash', [SCRIPT, cmd, '--port', String(port), '--data', data, ...ssl], { timeout: 90_000 });
  try {
    await script('start');
  } catch (e) {
    rmSync(data, { recursive: true, force: true });
    if ((e as { code?: unknown }).code === PORT_TAKEN) return undefined;
    throw e;
  }
  return {
    port, url,
    sslUrl: options.sslPort === undefined ? null : `stomp+ssl://127.0.0.1:${options.sslPort}`,
    certificatePath: options.sslPort === undefined ? null : join(data, 'broker.pem'),
    startBroker: async () => { await script('start'); },
    stopBroker: async () => { await script('stop'); },
    restart: async () => { await script('stop'); await script('start'); },
    close: async () => {
      await script('stop');
      rmSync(data, { recursive: true, force: true });
    },
  };
}
