import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeV3CatalogRequest, decodeV4CatalogRequest } from '../../../core/wire/catalog-request.decoder.js';
import { puppetCatalogRequestBody, puppetInstalled } from '../../support/puppet/puppet-agent.fixture.js';

/** The facts field as Puppet encodes it: JSON, URL-encoded, then URL-encoded again as a form value. */
const puppetEncode = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const factsField = (facts: unknown): string => puppetEncode(puppetEncode(JSON.stringify(facts)));
const form = (s: string): Uint8Array => Buffer.from(s);
const v3 = (body: string, query = '', certname = 'agent1.example.com') => decodeV3CatalogRequest({ certname, query, form: form(body) });
const FACTS = { name: 'agent1.example.com', values: { os: { family: 'Debian' } }, timestamp: '2026-01-01T00:00:00Z' };

describe('v3 catalog request decoder', () => {
  it('decodes the body a real Puppet agent sends, facts with +, %, &, = and non-ASCII intact', { skip: !puppetInstalled && 'Puppet is not installed' }, () => {
    const values = { os: { family: 'Debian' }, motd: 'a+b 100% & c=d ü', empty: '' };
    const r = v3(puppetCatalogRequestBody('agent1.example.com', values), 'environment=production');
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.deepEqual(r.value, {
      certname: 'agent1.example.com', environment: 'production', facts: values,
      transactionUuid: '7a3a8cb3-2a9e-4b5f-9f3f-0c6c3b1e8f00', priority: 0, trusted: null, staticCatalog: 'sha256',
    });
  });

  it('takes the certname from the path and refuses facts of another node', () => {
    const r = v3(`facts_format=application%2Fjson&environment=production&facts=${factsField({ ...FACTS, name: 'other.example.com' })}`);
    assert.ok(!r.ok);
    assert.equal(r.error.path, 'facts.name');
    assert.match(r.error.message, /agent1\.example\.com.*other\.example\.com/);
  });

  it('names the field of every violation', () => {
    const cases: Array<[string, string, string, RegExp]> = [
      ['facts_format=application%2Fjson&facts=%257Bnot%2520json', 'environment=production', 'facts', /not valid JSON/],
      [`facts=${factsField(FACTS)}`, 'environment=production', 'facts_format', /without a facts_format/],
      [`facts_format=yaml&facts=${factsField(FACTS)}`, 'environment=production', 'facts_format', /unsupported facts format "yaml"/],
      ['', '', 'environment', /must be specified/],
      ['environment=Prod-1', '', 'environment', /purely alphanumeric/],
      ['environment=production&environment=staging', '', 'environment', /given 2 times/],
      [`facts_format=application%2Fjson&facts=${factsField({ name: 'agent1.example.com' })}`, 'environment=production', 'facts.values', /expected an object/],
      ['facts_format=application%2Fjson&facts=%25FF%25FE', 'environment=production', 'facts', /not valid UTF-8/],
      ['environment=%FF', '', 'environment', /not valid UTF-8/],
      ['environment=production&static_catalog=true&checksum_type=crc32.xxh64', '', 'checksum_type', /Unable to find a common checksum type between agent 'crc32\.xxh64'/],
      ['environment=production&static_catalog=true', '', 'checksum_type', /Unable to find a common checksum type between agent ''/],
    ];
    for (const [body, query, path, reason] of cases) {
      const r = v3(body, query);
      assert.ok(!r.ok, `${body} ${query}`);
      assert.equal(r.error.path, path, body);
      assert.match(r.error.message, reason, body);
    }
    const badName = v3('environment=production', '', 'UPPER');
    assert.ok(!badName.ok && badName.error.path === 'certname');
  });

  it('lets a body field win over the query, and needs no facts (GET: the newest known facts are used)', () => {
    const r = v3('environment=staging&transaction_uuid=t1', 'environment=production&static_catalog=true&checksum_type=crc32.md5.sha256&job_id=');
    assert.ok(r.ok);
    assert.equal(r.value.staticCatalog, 'md5', 'the first checksum type the server knows');
    assert.equal(r.value.environment, 'staging');
    assert.equal(r.value.facts, null);
    assert.equal(r.value.transactionUuid, 't1');
    const get = decodeV3CatalogRequest({ certname: 'agent1.example.com', query: `environment=production&facts_format=pson&facts=${factsField(FACTS)}`, form: new Uint8Array() });
    assert.ok(get.ok);
    assert.deepEqual(get.value.facts, FACTS.values);
    assert.equal(get.value.staticCatalog, null, 'a plain catalog unless static_catalog=true');
  });

  it('keeps a % that starts no escape, as Ruby CGI.unescape does (facts encoded only once)', () => {
    const r = v3(`environment=production&facts_format=application%2Fjson&facts=${puppetEncode(JSON.stringify({ name: 'agent1.example.com', values: { load: '100%zz' } }))}`);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.deepEqual(r.value.facts, { load: '100%zz' });
  });
});

describe('v4 catalog request decoder', () => {
  it('carries trusted_facts.values and priority', () => {
    const r = decodeV4CatalogRequest({ certname: 'a.example.com', facts: { values: { x: 1 } }, trusted_facts: { values: { extensions: { pp_role: 'web' } } }, priority: 7 });
    assert.ok(r.ok);
    assert.deepEqual(r.value, { certname: 'a.example.com', environment: 'production', facts: { x: 1 }, transactionUuid: null, priority: 7, trusted: { extensions: { pp_role: 'web' } } });
  });

  it('refuses malformed trusted facts and priorities, naming the field', () => {
    const bad = decodeV4CatalogRequest({ certname: 'a.example.com', facts: { values: {} }, trusted_facts: { values: [] } });
    assert.ok(!bad.ok && bad.error.path === 'trusted_facts.values');
    const prio = decodeV4CatalogRequest({ certname: 'a.example.com', facts: { values: {} }, priority: 10 });
    assert.ok(!prio.ok && prio.error.path === 'priority');
  });
});
