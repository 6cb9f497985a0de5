import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redact, storeSetting } from '../../../ops/config/store-setting.js';
import { loadConfig } from '../../../ops/config/troupe.config.js';
import { storeLocation } from '../../../ops/app/store-location.js';

describe('store setting', () => {
  it('is sqlite by default and when said so', () => {
    assert.deepEqual(loadConfig({}, {}).store, { kind: 'sqlite' });
    assert.deepEqual(loadConfig({ store: 'sqlite' }, {}).store, { kind: 'sqlite' });
  });

  it('takes a postgres:// or postgresql:// URL with a host and a database, from the flag or TROUPE_STORE', () => {
    const url = 'postgres://troupe:secret@db.example.com:5433/troupe?sslmode=require';
    assert.deepEqual(loadConfig({ store: url }, {}).store, { kind: 'postgres', url });
    assert.deepEqual(loadConfig({}, { TROUPE_STORE: 'postgresql://troupe@127.0.0.1/t' }).store, { kind: 'postgres', url: 'postgresql://troupe@127.0.0.1/t' });
  });

  it('takes a KurrentDB connection string naming a host: the log there, storeconfigs and checkpoints in the data directory', () => {
    for (const url of ['kurrentdb://127.0.0.1:2113?tls=false', 'kurrentdb+discover://a:2113,b:2113?tls=false', 'esdb://admin:changeit@h', 'kdb://h']) {
      assert.deepEqual(loadConfig({ store: url }, {}).store, { kind: 'kurrentdb', url });
    }
    assert.deepEqual(storeLocation({ store: { kind: 'kurrentdb', url: 'kurrentdb://h' }, dataDir: '/d' }),
      { kind: 'kurrentdb', url: 'kurrentdb://h', storeconfigsPath: '/d/storeconfigs.db' });
  });

  it('refuses anything else, naming where it came from and never repeating a password', () => {
    const refused = (value: unknown, pattern: RegExp) => assert.throws(() => storeSetting(value, '--store'), (e: Error) => {
      assert.match(e.message, pattern);
      assert.doesNotMatch(e.message, /secret/);
      return (e as { code?: string }).code === 'config_invalid';
    });
    refused('mysql://u:secret@h/db', /--store: expected sqlite, postgres:.*mysql is not a store/);
    refused('kurrentdb://u:secret@?tls=false', /names no host/);
    refused('kurrentdb://', /names no host/);
    refused('postgres://u:secret@h', /names no database/);
    refused('postgres://u:secret@h/a/b', /names no database/);
    refused('postgres:///db', /names no host/);
    refused('not a url :secret@', /--store: expected sqlite, postgres/);
    refused(5432, /--store: expected sqlite, postgres/);
    refused({ kind: 'postgres', url: 'x' }, /--store: expected sqlite, postgres/);
    assert.throws(() => loadConfig({}, { TROUPE_STORE: 'kurrentdb://' }), /TROUPE_STORE/);
  });

  it('redacts the password of a URL', () => {
    assert.equal(redact('postgres://troupe:secret@h:5432/db'), 'postgres://troupe:***@h:5432/db');
    assert.equal(redact('postgres://troupe@h/db'), 'postgres://troupe@h/db');
  });
});
