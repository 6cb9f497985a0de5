import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

/**
 * Generated hostile HTTP requests, as raw bytes: whatever a broken or
 * malicious client can put on the wire (request lines, percent-encodings,
 * headers, bodies deep, wide, huge, not UTF-8, of the wrong type, event
 * batches). Shared by the robustness tests and `npm run bench:robustness`.
 */
export interface HostileRequest {
  /** The kind of bad input, for the benchmark's table. */
  readonly kind: string;
  readonly bytes: Buffer;
  /** Ids the server acknowledges if it answers 200: they must then be in the log. */
  readonly ackedIds: (status: number, body: string) => string[];
}

const ENDPOINTS = [
  '/puppet/v4/catalog', '/pdb/cmd/v1?command=replace_facts&version=5', '/pdb/cmd/v1?command=store_report&version=8',
  '/pdb/cmd/v1?command=deactivate_node&version=3', '/pdb/cmd/v1?command=replace_catalog&version=9', '/troupe/v1/events',
];

const none = (): string[] => [];
const pdbAck = (status: number, body: string): string[] => (status === 200 ? [(JSON.parse(body) as { uuid: string }).uuid] : []);
const eventsAck = (status: number, body: string): string[] => (status === 200 ? (JSON.parse(body) as Array<{ id: string }>).map((o) => o.id) : []);
const ackFor = (path: string) => (path.startsWith('/pdb/') ? pdbAck : path.startsWith('/troupe/v1/events') ? eventsAck : none);

function post(path: string, body: Buffer, headers = ''): Buffer {
  return Buffer.concat([
    Buffer.from(`POST ${path} HTTP/1.1\r\nhost: troupe\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n${headers}connection: close\r\n\r\n`, 'latin1'),
    body,
  ]);
}

const get = (target: string, headers = ''): Buffer => Buffer.from(`GET ${target} HTTP/1.1\r\nhost: troupe\r\n${headers}connection: close\r\n\r\n`, 'latin1');

/** Path segments with valid, truncated and invalid percent-encodings, unicode and brackets. */
const segment = fc.oneof(
  fc.stringMatching(/^[a-z0-9.\-_]{0,20}$/),
  fc.constantFrom('%', '%z', '%zz', '%E0%A4%A', '%C3%28', '%00', '%2F', '%25', '..', '[', ']', '//[', '@', ':', '?', '#', '%ff%fe'),
  fc.string({ unit: 'grapheme', maxLength: 8 }).map((s) => encodeURIComponent(s)),
);

const target = fc.oneof(
  fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
  fc.array(segment, { maxLength: 3 }).map((parts) => `/troupe/v1/nodes/${parts.join('')}`),
  fc.array(segment, { maxLength: 3 }).map((parts) => `/troupe/v1/nodes/${parts.join('')}/events?from=${parts[0] ?? ''}&limit=-1`),
  fc.constantFrom('//[', '*', 'http://[::1', '/%', '/status?%zz', 'http://troupe/status'),
);

const requestLine = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  target,
}).map(({ method, target: t }): HostileRequest => ({
  kind: 'request line / percent-encoding',
  bytes: method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || method === 'DELETE'
    ? Buffer.from(get(t).toString('latin1').replace(/^GET/, method), 'latin1')
    : post(t, Buffer.from('{}')),
  ackedIds: none,
}));

const headerName = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9-]{0,30}$/);
const headerValue = fc.oneof(fc.stringMatching(/^[ -~]{0,200}$/), fc.constantFrom('-1', '99999999999999999999', 'chunked', 'gzip', 'application/json; charset=latin1'));
const headers = fc.record({
  names: fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 }),
  path: fc.constantFrom(...ENDPOINTS),
}).map(({ names, path }): HostileRequest => ({
  kind: 'headers',
  // Content-Length and Transfer-Encoding stay the request's own, so the body is well framed.
  bytes: post(path, Buffer.from('{"certname":"h.example.com"}'),
    names.filter(([n]) => !/^(content-length|transfer-encoding|connection|host)$/i.test(n)).map(([n, v]) => `${n}: ${v}\r\n`).join('')),
  ackedIds: ackFor(path),
}));

/** `depth` repetitions of an opening, a scalar, the closings: valid JSON however deep. */
const nested = (depth: number, open: string, close: string): string => `${open.repeat(depth)}1${close.repeat(depth)}`;

const deepBody = fc.record({
  depth: fc.integer({ min: 90, max: 20_000 }),
  shape: fc.constantFrom(['[', ']'], ['{"a":', '}'], ['[{"v":', '}]']),
  path: fc.constantFrom(...ENDPOINTS),
}).map(({ depth, shape: [open, close], path }): HostileRequest => ({
  kind: 'deep JSON', bytes: post(path, Buffer.from(nested(depth, open!, close!))), ackedIds: ackFor(path),
}));

const wideBody = fc.record({
  keys: fc.integer({ min: 1, max: 50_000 }),
  path: fc.constantFrom(...ENDPOINTS),
}).map(({ keys, path }): HostileRequest => {
  const values: Record<string, number> = {};
  for (let i = 0; i < keys; i++) values[`k${i}`] = i;
  const body = { certname: 'wide.example.com', environment: 'production', producer_timestamp: new Date().toISOString(), producer: 'p', values, facts: { values } };
  return { kind: 'wide JSON', bytes: post(path, Buffer.from(JSON.stringify(body))), ackedIds: ackFor(path) };
});

const hugeString = fc.record({
  megabytes: fc.integer({ min: 1, max: 8 }),
  path: fc.constantFrom(...ENDPOINTS),
}).map(({ megabytes, path }): HostileRequest => {
  const body = { certname: 'huge.example.com', environment: 'production', producer_timestamp: new Date().toISOString(), producer: 'p', values: { blob: 'x'.repeat(megabytes << 20) } };
  return { kind: 'huge string', bytes: post(path, Buffer.from(JSON.stringify(body))), ackedIds: ackFor(path) };
});

const invalidUtf8 = fc.record({
  bad: fc.constantFrom([0xff], [0xc3, 0x28], [0xe0, 0xa4], [0xf0, 0x28, 0x8c, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf]),
  path: fc.constantFrom(...ENDPOINTS),
}).map(({ bad, path }): HostileRequest => ({
  kind: 'invalid UTF-8',
  bytes: post(path, Buffer.concat([Buffer.from('{"certname":"u.example.com","values":{"s":"'), Buffer.from(bad), Buffer.from('"}}')])),
  ackedIds: ackFor(path),
}));

const wrongTypes = fc.record({
  value: fc.jsonValue({ maxDepth: 4 }),
  path: fc.constantFrom(...ENDPOINTS),
}).map(({ value, path }): HostileRequest => ({ kind: 'wrong types', bytes: post(path, Buffer.from(JSON.stringify(value) ?? 'null')), ackedIds: ackFor(path) }));

/** Troupe events, some valid, some not: all types (compile outcomes included), priorities, streams, sources. */
const event = fc.record({
  type: fc.constantFrom('facts_submitted', 'catalog_requested', 'catalog_submitted', 'node_deactivated', 'code_deployed', 'catalog_compiled', 'compile_failed', 'compile_aborted', 'deployment_planned', 'deployment_finished', 'nonsense'),
  id: fc.oneof(fc.uuid().map(() => randomUUID()), fc.constant(''), fc.string({ maxLength: 4 })),
  stream: fc.oneof(fc.constantFrom('ev1.example.com', 'ev2.example.com', '$code', '$rejected', 'UPPER', '../etc'), fc.string({ maxLength: 10 })),
  source: fc.constantFrom('actor', 'http', 'stomp', 'bogus'),
  priority: fc.integer({ min: -2, max: 12 }),
  producerTimestamp: fc.oneof(fc.constant(new Date().toISOString()), fc.constant('2099-01-01T00:00:00Z'), fc.constant('yesterday')),
}).map((e) => ({
  type: e.type, id: e.id, stream: e.stream, meta: { source: e.source },
  data: { environment: 'production', reason: 'operator', priority: e.priority, transactionUuid: null, producerTimestamp: e.producerTimestamp, producer: null, values: {}, codeId: 'x' },
}));

const eventBatch = fc.array(event, { minLength: 0, maxLength: 40 }).map((events): HostileRequest => ({
  kind: 'event batches', bytes: post('/troupe/v1/events', Buffer.from(JSON.stringify(events))), ackedIds: eventsAck,
}));

/** Many compile requests in one batch: admission must hold. */
const compileFlood = fc.integer({ min: 1, max: 6000 }).map((n): HostileRequest => ({
  kind: 'compile-request floods',
  bytes: post('/troupe/v1/events', Buffer.from(JSON.stringify(Array.from({ length: n }, (_, i) => ({
    type: 'catalog_requested', stream: `flood-${i % 50}.example.com`, data: { environment: 'production', reason: 'operator', priority: 0, transactionUuid: null },
  }))))),
  ackedIds: eventsAck,
}));

/** A valid command now and then: what must never be lost among the rest. */
const validFacts = fc.integer({ min: 0, max: 1000 }).map((i): HostileRequest => ({
  kind: 'valid commands',
  bytes: post('/pdb/cmd/v1?command=replace_facts&version=5', Buffer.from(JSON.stringify({
    certname: `valid-${i}.example.com`, environment: 'production', producer_timestamp: new Date().toISOString(), producer: 'p', values: { i },
  }))),
  ackedIds: pdbAck,
}));

export const hostileRequest: fc.Arbitrary<HostileRequest> = fc.oneof(
  requestLine, headers, deepBody, wideBody, hugeString, invalidUtf8, wrongTypes, eventBatch, compileFlood, validFacts,
);
