import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { Client, type IMessage } from '@stomp/stompjs';
import { TCPWrapper } from '@stomp/tcp-wrapper';
import type { PuppetCatalog } from '../../../core/catalog/puppet-catalog.types.js';
import type { CatalogCompiled } from '../../../core/events/event.types.js';
import type { EventLog } from '../../../core/log/event-log.js';
import { startTestBroker, type TestBroker, type TestBrokerOptions } from './activemq.js';
export { eventually } from '../eventually.js';

export interface StompTestFile {
  /** A scratch directory, removed after the file. */
  readonly dir: string;
  /** The file's real ActiveMQ, started before its first test. */
  readonly broker: TestBroker;
}

/**
 * A STOMP test file's setup: a real broker on `port` (or the first of
 * several it can have, see {@link startTestBroker}) and a scratch
 * directory. After the file, `teardown` runs first, then everything given
 * to {@link closeLater} is closed, the broker stops and the directory goes.
 */
export function stompTestFile(name: string, port: number | readonly number[], options: TestBrokerOptions & { teardown?: () => void } = {}): StompTestFile {
  const dir = mkdtempSync(join(tmpdir(), `troupe-stomp-${name}-`));
  let broker: TestBroker | undefined;
  before(async () => { broker = await startTestBroker(port, options); });
  after(async () => {
    options.teardown?.();
    await closeAll();
    await broker?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    get broker() {
      if (!broker) throw new Error('the test broker is not started yet (use it inside tests)');
      return broker;
    },
  };
}

/** A replace_facts v5 payload. */
export function factsPayload(certname: string, i = 0): Record<string, unknown> {
  return {
    certname, environment: 'production', producer_timestamp: new Date().toISOString(), producer: 'puppet.test',
    values: { i, os: { family: 'Debian' }, networking: { hostname: certname } },
  };
}

/** A plain stompjs client over TCP, connected (with a broker login if given); for producing and peeking in tests. */
export async function rawClient(url: string, credentials?: { login: string; passcode: string }): Promise<Client> {
  const u = new URL(url);
  const client = new Client({
    webSocketFactory: () => new TCPWrapper(u.hostname, Number(u.port)),
    reconnectDelay: 0, heartbeatIncoming: 0, heartbeatOutgoing: 0, debug: () => undefined,
    ...(credentials ? { connectHeaders: credentials } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    client.onConnect = () => resolve();
    client.onStompError = (f) => reject(new Error(`cannot connect to ${url}: ${f.headers['message'] ?? f.body}`));
    client.onWebSocketClose = () => reject(new Error(`cannot connect to ${url}`));
    client.activate();
  });
  client.onWebSocketClose = () => undefined;
  closers.push(() => client.deactivate({ force: true }));
  return client;
}

/** Publishes with a receipt and waits for it (so the broker has stored it). */
export function publishConfirmed(client: Client, destination: string, headers: Record<string, string>, body: string): Promise<void> {
  const receipt = `t-${Math.random().toString(36).slice(2)}`;
  return new Promise((resolve) => {
    client.watchForReceipt(receipt, () => resolve());
    client.publish({ destination, headers: { persistent: 'true', ...headers, receipt }, body });
  });
}

/** Collects messages from a queue until `count` arrived or `timeoutMs` passed (auto ack). */
export function collect(client: Client, destination: string, count: number, timeoutMs = 10_000): Promise<IMessage[]> {
  const got: IMessage[] = [];
  return new Promise((resolve) => {
    const sub = client.subscribe(destination, (m) => {
      got.push(m);
      if (got.length >= count) finish();
    });
    const timer = setTimeout(finish, timeoutMs);
    function finish(): void {
      clearTimeout(timer);
      sub.unsubscribe();
      resolve(got);
    }
  });
}

/** Every event in the log (tests only). */
export async function allEvents(log: EventLog) {
  const out = [];
  for (let from = 0; ;) {
    const batch = await log.read(from, { limit: 5000 });
    if (batch.length === 0) return out;
    out.push(...batch);
    from = batch[batch.length - 1]!.position;
  }
}

const closers: Array<() => Promise<unknown>> = [];

/** Registers `x` to be closed by {@link closeAll} even when a test fails (open sockets keep the process alive). */
export function closeLater<T extends { close(): Promise<unknown> }>(x: T): T {
  closers.push(() => x.close());
  return x;
}

/** Closes everything registered, newest first; call from `after`. */
export async function closeAll(): Promise<void> {
  for (const c of closers.splice(0).reverse()) await c().catch(() => undefined);
}

/** A Puppet 7 catalog that `puppet apply --catalog` accepts: a Notify and a File under `dir`. */
export function puppetCatalog(certname: string, dir: string, content = 'troupe\n'): PuppetCatalog {
  const file = `${dir}/managed.txt`;
  return {
    tags: ['settings', certname], name: certname, version: Math.floor(Date.now() / 1000), code_id: null,
    catalog_uuid: randomUUID(), catalog_format: 1, environment: 'production',
    resources: [
      { type: 'Stage', title: 'main', tags: ['stage'], exported: false, parameters: { name: 'main' } },
      { type: 'Class', title: 'Settings', tags: ['class', 'settings'], exported: false },
      { type: 'Class', title: 'main', tags: ['class'], exported: false, parameters: { name: 'main' } },
      { type: 'Notify', title: 'hello from troupe', tags: ['notify', 'class'], exported: false, parameters: { message: `catalog for ${certname}` } },
      { type: 'File', title: file, tags: ['file', 'class'], exported: false, parameters: { ensure: 'file', content } },
    ],
    edges: [
      { source: 'Stage[main]', target: 'Class[Settings]' },
      { source: 'Stage[main]', target: 'Class[main]' },
      { source: 'Class[main]', target: 'Notify[hello from troupe]' },
      { source: 'Class[main]', target: `File[${file}]` },
    ],
    classes: ['settings'],
  };
}

/** A `catalog_compiled` event carrying `catalog`. */
export function compiledEvent(catalog: PuppetCatalog, hash: string, previousHash: string | null): CatalogCompiled {
  return {
    type: 'catalog_compiled', id: randomUUID(), stream: catalog.name, time: new Date().toISOString(), meta: { source: 'test' },
    data: { requestIds: [], hash, previousHash, compiler: 'test', durationMs: 1, catalog },
  };
}
