import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { PLAIN_OPERATOR, type ClientIdentity } from '../../../ops/http/http-router.js';
import { AccessLog } from '../../../ops/log/access-log.js';
import { createLogger } from '../../../ops/log/logger.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ human: false, level: 'info', destination: { write: (l: string) => lines.push(JSON.parse(l) as Record<string, unknown>) } });
  return { lines, logger };
}

const req = (method: string) => ({ method }) as IncomingMessage;
const answered = (statusCode: number) => ({ headersSent: true, statusCode }) as ServerResponse;
const node: ClientIdentity = { certname: 'web01.example.com', trusted: {}, admin: false };

describe('the access log', () => {
  it('logs one info line per request with method, route, status, ms and the certname over TLS', () => {
    const { lines, logger } = capture();
    const access = new AccessLog({ logger });
    access.finished(req('POST'), answered(200), '/puppet/v3/catalog/:certname', 12.3456, node);
    access.finished(req('GET'), answered(404), 'unmatched', 0.5, PLAIN_OPERATOR);
    access.close();
    assert.equal(lines.length, 2);
    assert.deepEqual({ ...lines[0], time: undefined, pid: undefined }, {
      level: 'info', time: undefined, pid: undefined, method: 'POST', route: '/puppet/v3/catalog/:certname', status: 200, ms: 12.35,
      certname: 'web01.example.com', msg: 'POST /puppet/v3/catalog/:certname 200 12.35 ms',
    });
    assert.equal(lines[1]!['certname'], undefined);
  });

  it('sums refusals up in one line per period instead of a line each, fast path and routed 503s alike', () => {
    const { lines, logger } = capture();
    const access = new AccessLog({ logger, summaryEveryMs: 60_000 });
    for (let i = 0; i < 1000; i++) access.refused('POST', '/puppet/v4/catalog');
    access.finished(req('POST'), answered(503), '/puppet/v3/catalog/:certname', 1, node);
    assert.equal(lines.length, 0);
    access.close();
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!['refused'], 1001);
    assert.deepEqual(lines[0]!['routes'], { '/puppet/v4/catalog': 1000, '/puppet/v3/catalog/:certname': 1 });
    assert.match(String(lines[0]!['msg']), /^refused 1001 requests with 503/);
  });

  it('logs quiet routes (scrapes) at debug, unless they were refused', () => {
    const { lines, logger } = capture();
    const access = new AccessLog({ logger, quietRoutes: ['/metrics'] });
    access.finished(req('GET'), answered(200), '/metrics', 1, PLAIN_OPERATOR);
    logger.level = 'debug';
    access.finished(req('GET'), answered(200), '/metrics', 1, PLAIN_OPERATOR);
    access.finished(req('GET'), answered(403), '/metrics', 1, node);
    access.close();
    assert.deepEqual(lines.map((l) => [l['level'], l['status']]), [['debug', 200], ['info', 403]]);
  });
});
