import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig, usesCompileQueue } from '../../../ops/config/troupe.config.js';

const PG = 'postgres://troupe@db.example.com/troupe';
const STOMP = 'stomp://broker.example.com:61613';

describe('config: compileQueue', () => {
  it('auto (the default) is on exactly with a PostgreSQL store and a broker, with or without actor workers', () => {
    const cases: Array<[Record<string, string>, boolean]> = [
      [{ store: PG, stompUrl: STOMP, workers: '0' }, true],
      [{ store: PG, stompUrl: STOMP, workers: '2' }, true],
      [{ store: PG, workers: '0' }, false],
      [{ stompUrl: STOMP, workers: '0' }, false],
      [{ store: PG, stompUrl: STOMP, workers: '0', compileQueue: 'off' }, false],
    ];
    for (const [flags, on] of cases) {
      const c = loadConfig(flags, {});
      assert.equal(usesCompileQueue(c), on, JSON.stringify(flags));
    }
    assert.equal(loadConfig({}, {}).compileQueue, 'auto');
  });

  it('on needs both and says which are missing; anything else than auto, on, off is refused', () => {
    assert.equal(usesCompileQueue(loadConfig({ store: PG, stompUrl: STOMP, workers: '0', compileQueue: 'on' }, {})), true);
    assert.equal(usesCompileQueue(loadConfig({ store: PG, stompUrl: STOMP, workers: '2', compileQueue: 'on' }, {})), true);
    assert.throws(() => loadConfig({ compileQueue: 'on', workers: '1' }, {}), {
      code: 'config_invalid',
      message: /--compile-queue: on needs a shared store \(--store postgres:\/\/…\), a broker \(--stomp-url\)$/,
    });
    assert.throws(() => loadConfig({}, { TROUPE_COMPILE_QUEUE: 'yes' }), { code: 'config_invalid', message: /TROUPE_COMPILE_QUEUE: expected auto, on or off/ });
  });
});
