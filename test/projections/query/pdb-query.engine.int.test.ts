import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { QueryError } from '../../../projections/query/query-error.js';
import { loadedEngine } from './query.fixture.js';

const { engine, projection } = loadedEngine();
after(() => projection.close());

type Row = Record<string, unknown>;
const rows = async (ast: unknown, activeOnly = true) => (await engine.query(ast, { activeOnly })).rows as Row[];
const certnames = async (ast: unknown, activeOnly = true) => (await rows(ast, activeOnly)).map((r) => r['certname']);
const refused = async (ast: unknown, message: string | RegExp) => {
  await assert.rejects(engine.query(ast, { activeOnly: true }), (e: unknown) => {
    assert.ok(e instanceof QueryError, `expected a QueryError, got ${String(e)}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
};

describe('nodes', () => {
  it('answers PuppetDB fields of active nodes, the latest report\'s status included', async () => {
    const all = await rows(['from', 'nodes']);
    assert.deepEqual(all.map((r) => r['certname']), ['db1', 'web1', 'web2']);
    const web1 = all.find((r) => r['certname'] === 'web1')!;
    assert.deepEqual(Object.keys(web1).sort(), [
      'cached_catalog_status', 'catalog_environment', 'catalog_timestamp', 'certname', 'deactivated', 'expired', 'facts_environment',
      'facts_timestamp', 'latest_report_corrective_change', 'latest_report_hash', 'latest_report_job_id', 'latest_report_noop',
      'latest_report_noop_pending', 'latest_report_status', 'report_environment', 'report_timestamp',
    ]);
    assert.equal(web1['latest_report_status'], 'changed');
    // PuppetDB (open source) keeps no corrective_change (recorded: conformance/cases/nodes.json).
    assert.equal(web1['latest_report_corrective_change'], null);
    assert.equal(web1['latest_report_noop'], false);
    assert.equal(web1['report_timestamp'], '2026-01-01T10:30:00.000Z');
    assert.equal(web1['deactivated'], null);
    assert.equal(all.find((r) => r['certname'] === 'web2')!['latest_report_status'], null);
  });
  it('includes deactivated nodes when the query names a node state', async () => {
    assert.deepEqual(await certnames(['from', 'nodes', ['=', 'node_state', 'inactive']]), ['gone']);
    assert.deepEqual(await certnames(['from', 'nodes', ['=', ['node', 'active'], false]]), ['gone']);
    assert.deepEqual(await certnames(['from', 'nodes', ['=', 'node_state', 'any']]), ['db1', 'gone', 'web1', 'web2']);
    assert.deepEqual(await certnames(['from', 'nodes'], false), ['db1', 'gone', 'web1', 'web2']);
  });
  it('documented example: kernel Linux and uptime over 30 days (fact shortcuts)', async () => {
    assert.deepEqual(await certnames(['from', 'nodes', ['and', ['=', ['fact', 'kernel'], 'Linux'], ['>', ['fact', 'uptime_days'], 30]]]), ['db1', 'web1']);
  });
  it('documented example: count per facts_environment with group_by', async () => {
    assert.deepEqual(await rows(['from', 'nodes', ['extract', [['function', 'count'], 'facts_environment'], ['null?', 'deactivated', true], ['group_by', 'facts_environment']]]),
      [{ count: 1, facts_environment: 'dev' }, { count: 2, facts_environment: 'production' }]);
  });
  it('documented example: fact-contents subquery for uptime of at least 10 days', async () => {
    assert.deepEqual(await certnames(['from', 'nodes', ['in', 'certname', ['extract', 'certname',
      ['select_fact_contents', ['and', ['=', 'path', ['uptime_days']], ['>=', 'value', 20]]]]]]), ['db1', 'web1']);
  });
  it('implicit subqueries (PQL\'s form) on resources, facts and inventory', async () => {
    assert.deepEqual(await certnames(['from', 'nodes', ['subquery', 'resources', ['and', ['=', 'type', 'Class'], ['=', 'title', 'Nginx']]]]), ['web1', 'web2']);
    assert.deepEqual(await certnames(['from', 'nodes', ['subquery', 'facts', ['and', ['=', 'name', 'os'], ['=', 'value', 'x']]]]), []);
    assert.deepEqual(await certnames(['from', 'nodes', ['subquery', 'inventory', ['=', 'facts.os.family', 'RedHat']]]), ['db1']);
  });
  it('in with from-subqueries and arrays; timestamps compare as instants', async () => {
    assert.deepEqual(await certnames(['from', 'nodes', ['in', 'certname', ['from', 'facts', ['extract', ['certname'], ['=', 'name', 'kernel']], ['limit', 1], ['order_by', ['certname']]]]]), ['db1']);
    assert.deepEqual(await certnames(['from', 'nodes', ['in', 'certname', ['array', ['web2', 'nope', 'db1']]]]), ['db1', 'web2']);
    assert.deepEqual(await certnames(['from', 'nodes', ['>', 'facts_timestamp', '2026-01-01T10:30:00Z']]), ['db1', 'web2']);
    assert.deepEqual(await certnames(['from', 'nodes', ['<=', 'catalog_timestamp', '2026-01-01T11:01:00+00:00']]), ['web1', 'web2']);
  });
  it('regexps, with PostgreSQL/Java forms translated', async () => {
    assert.deepEqual(await certnames(['from', 'nodes', ['~', 'certname', '^web']]), ['web1', 'web2']);
    assert.deepEqual(await certnames(['from', 'nodes', ['~', 'certname', '(?i)^WEB[[:digit:]]\\Z']]), ['web1', 'web2']);
    await refused(['from', 'nodes', ['~', 'certname', '(']], /^invalid regular expression/);
  });
  it('and/or/not', async () => {
    assert.deepEqual(await certnames(['from', 'nodes', ['or', ['=', 'certname', 'db1'], ['=', 'certname', 'web2']]]), ['db1', 'web2']);
    assert.deepEqual(await certnames(['from', 'nodes', ['not', ['=', 'catalog_environment', 'production']]]), ['db1']);
    assert.deepEqual(await certnames(['from', 'nodes', ['not', ['null?', 'latest_report_status', true]]]), ['db1', 'web1']);
  });
});

describe('facts, fact-contents, fact-paths, fact-names, inventory', () => {
  it('facts answer certname, name, value, environment', async () => {
    assert.deepEqual(await rows(['from', 'facts', ['and', ['=', 'name', 'os'], ['=', 'certname', 'db1']]]),
      [{ certname: 'db1', name: 'os', value: { family: 'RedHat', release: { major: '9' } }, environment: 'dev' }]);
  });
  it('fact value comparisons are typed: numbers with numbers, strings with strings', async () => {
    assert.deepEqual(await certnames(['from', 'facts', ['and', ['=', 'name', 'uptime_days'], ['<', 'value', 20]]]), ['web2']);
    assert.deepEqual(await certnames(['from', 'facts', ['and', ['=', 'name', 'uptime_days'], ['=', 'value', '40']]]), []);
    assert.deepEqual(await certnames(['from', 'facts', ['and', ['=', 'name', 'is_virtual'], ['=', 'value', true]]]), ['db1', 'web1']);
    assert.deepEqual(await certnames(['from', 'facts', ['and', ['=', 'name', 'kernel'], ['~', 'value', 'ux$']]]), ['db1', 'web1', 'web2']);
  });
  it('aggregates numeric fact values', async () => {
    assert.deepEqual(await rows(['from', 'facts', ['extract', [['function', 'avg', 'value']], ['=', 'name', 'uptime_days']]]), [{ avg: 50 }]);
    assert.deepEqual(await rows(['from', 'facts', ['extract', [['function', 'max', 'value'], ['function', 'count']], ['=', 'name', 'uptime_days']]]), [{ max: 100, count: 3 }]);
  });
  it('fact-contents flatten structured facts to leaf paths; ~> matches paths', async () => {
    assert.deepEqual(await rows(['from', 'fact_contents', ['and', ['=', 'certname', 'web1'], ['~>', 'path', ['processors', 'models', '.*']]]]), [
      { certname: 'web1', environment: 'production', path: ['processors', 'models', 0], name: 'processors', value: 'Xeon A' },
      { certname: 'web1', environment: 'production', path: ['processors', 'models', 1], name: 'processors', value: 'Xeon B' },
    ]);
  });
  it('fact-paths: distinct leaf paths with PuppetDB\'s type names', async () => {
    const paths = await rows(['from', 'fact_paths', ['~>', 'path', ['processors', '.*']]]);
    assert.deepEqual(paths, [{ path: ['processors', 'count'], type: 'integer', name: 'processors' }]);
    assert.deepEqual(await rows(['from', 'fact_paths', ['=', 'path', ['is_virtual']]]), [{ path: ['is_virtual'], type: 'boolean', name: 'is_virtual' }]);
  });
  it('fact-names answers a sorted array of strings', async () => {
    assert.deepEqual(await rows(['from', 'fact_names']), ['is_virtual', 'kernel', 'os', 'processors', 'trusted', 'uptime_days']);
  });
  it('inventory takes dotted facts and trusted paths, and extracts them', async () => {
    assert.deepEqual(await certnames(['from', 'inventory', ['=', 'facts.os.family', 'Debian']]), ['web1', 'web2']);
    assert.deepEqual(await certnames(['from', 'inventory', ['=', 'trusted.extensions.pp_role', 'db']]), ['db1']);
    assert.deepEqual(await certnames(['from', 'inventory', ['>', 'facts.processors.count', 3]]), ['db1', 'web1']);
    assert.deepEqual(await certnames(['from', 'inventory', ['=', 'facts.processors.models[1]', 'Xeon B']]), ['web1']);
    assert.deepEqual(await rows(['from', 'inventory', ['extract', ['certname', 'facts.os.release'], ['=', 'certname', 'web2']]]),
      [{ certname: 'web2', 'facts.os.release': { major: '11' } }]);
    const [web1] = await rows(['from', 'inventory', ['=', 'certname', 'web1']]);
    assert.deepEqual(Object.keys(web1!), ['certname', 'timestamp', 'environment', 'facts', 'trusted']);
    assert.deepEqual(web1!['trusted'], { certname: 'web1', extensions: { pp_role: 'web' } });
  });
});

describe('resources, catalogs, edges, environments, producers', () => {
  it('a collector\'s query: exported resources of a type on other nodes (active only)', async () => {
    const found = await rows(['from', 'resources', ['and', ['=', 'type', 'Nagios_host'], ['=', 'exported', true], ['not', ['=', 'certname', 'web1']]]]);
    assert.deepEqual(found.map((r) => [r['certname'], r['title'], (r['parameters'] as Row)['port']]), [['db1', 'db1', 5432], ['web2', 'web2', 8080]]);
    assert.deepEqual(Object.keys(found[0]!).sort(), ['certname', 'environment', 'exported', 'file', 'line', 'parameters', 'resource', 'tags', 'title', 'type']);
    assert.match(String(found[0]!['resource']), /^[0-9a-f]{40}$/);
  });
  it('tag matches any tag case-insensitively; parameters by dotted path and legacy ["parameter", name]', async () => {
    assert.deepEqual((await rows(['from', 'resources', ['=', 'tag', 'EU']])).map((r) => r['title']), ['web2']);
    assert.deepEqual((await rows(['from', 'resources', ['=', 'parameters.port', 80]])).map((r) => r['certname']), ['web1']);
    assert.deepEqual((await rows(['from', 'resources', ['=', ['parameter', 'mode'], '0644']])).map((r) => r['title']), ['/etc/nginx/nginx.conf']);
    assert.deepEqual((await rows(['from', 'resources', ['~', 'tags', '^post']])).map((r) => r['title']), ['Postgresql']);
    assert.deepEqual((await rows(['from', 'resources', ['and', ['=', 'file', '/etc/puppet/site.pp'], ['=', 'line', 3]]])).length, 1);
  });
  it('catalogs embed resources and edges with hrefs; resource hashes agree with the resources entity', async () => {
    const [c] = await rows(['from', 'catalogs', ['=', 'certname', 'web2']]);
    assert.equal(c!['environment'], 'production');
    const res = c!['resources'] as { href: string; data: Row[] };
    assert.equal(res.href, '/pdb/query/v4/catalogs/web2/resources');
    assert.deepEqual(res.data.map((r) => r['title']), ['main', 'Nginx', 'web2']);
    const fromEntity = await rows(['from', 'resources', ['=', 'certname', 'web2']]);
    assert.deepEqual(new Set(res.data.map((r) => r['resource'])), new Set(fromEntity.map((r) => r['resource'])));
    assert.equal((c!['edges'] as { data: Row[] }).data.length, 2);
  });
  it('edges, environments and producers', async () => {
    assert.deepEqual(await rows(['from', 'edges', ['=', 'target_title', 'Postgresql']]),
      [{ certname: 'db1', relationship: 'contains', source_title: 'main', source_type: 'Class', target_title: 'Postgresql', target_type: 'Class' }]);
    assert.deepEqual(await rows(['from', 'environments']), [{ name: 'dev' }, { name: 'production' }]);
    assert.deepEqual(await rows(['from', 'producers', ['~', 'name', 'example']]), [{ name: 'other.example' }, { name: 'puppet.example' }]);
    assert.deepEqual(await certnames(['from', 'catalogs', ['subquery', 'producers', ['=', 'name', 'other.example']]]), ['db1']);
    assert.deepEqual(await rows(['from', 'environments', ['subquery', 'catalogs', ['=', 'certname', 'db1']]]), [{ name: 'dev' }]);
  });
});

describe('ast.markdown\'s examples (on this fleet)', () => {
  it('extract with functions and group_by on several fields', async () => {
    assert.deepEqual(await rows(['from', 'nodes', ['extract', [['function', 'count'], 'facts_environment', 'latest_report_status'],
      ['group_by', 'facts_environment', 'latest_report_status']]]), [
      { count: 1, facts_environment: 'dev', latest_report_status: 'failed' },
      { count: 1, facts_environment: 'production', latest_report_status: null },
      { count: 1, facts_environment: 'production', latest_report_status: 'changed' },
    ]);
    assert.deepEqual(await rows(['from', 'nodes', ['extract', [['function', 'count']], ['~', 'certname', '.*1$']]]), [{ count: 2 }]);
    assert.deepEqual(await rows(['from', 'inventory', ['extract', ['trusted.certname', 'facts.uptime_days'], ['=', 'certname', 'db1']]]),
      [{ 'trusted.certname': 'db1', 'facts.uptime_days': 100 }]);
  });
  it('a regexp subquery on resources, and facts with a fact_contents subquery', async () => {
    assert.deepEqual(await certnames(['from', 'nodes', ['and', ['~', 'certname', '^web1'],
      ['subquery', 'resources', ['and', ['=', 'type', 'Class'], ['=', 'title', 'Nginx']]]]]), ['web1']);
    assert.deepEqual((await rows(['from', 'facts', ['and', ['=', 'name', 'processors'],
      ['subquery', 'fact_contents', ['and', ['~>', 'path', ['processors', 'models', '.*']], ['=', 'value', 'Xeon B']]]]])).map((r) => r['certname']), ['web1']);
  });
  it('in with a fact and an array of one type; in with from, extract and paging clauses', async () => {
    assert.deepEqual(await certnames(['from', 'nodes', ['in', ['fact', 'uptime_days'], ['array', [10, 100]]]]), ['db1', 'web2']);
    await refused(['from', 'nodes', ['in', ['fact', 'uptime_days'], ['array', [10, '100']]]], `All values in 'array' must be the same type.`);
    assert.deepEqual(await certnames(['from', 'nodes', ['in', 'certname',
      ['from', 'catalogs', ['extract', 'certname'], ['limit', 2], ['order_by', [['certname', 'desc']]]]]]), ['web1', 'web2']);
  });
});

describe('facts.markdown\'s and resources.markdown\'s examples (on this fleet)', () => {
  it('count by value, avg by environment, a two-column in over fact-contents', async () => {
    assert.deepEqual(await rows(['from', 'facts', ['extract', [['function', 'count'], 'value'], ['=', 'name', 'kernel'], ['group_by', 'value']]]),
      [{ count: 3, value: 'Linux' }]);
    assert.deepEqual(await rows(['from', 'facts', ['extract', ['environment', ['function', 'avg', 'value']], ['=', 'name', 'uptime_days'], ['group_by', 'environment']]]),
      [{ environment: 'dev', avg: 100 }, { environment: 'production', avg: 25 }]);
    assert.deepEqual((await rows(['from', 'facts', ['in', ['name', 'certname'], ['extract', ['name', 'certname'],
      ['select_fact_contents', ['and', ['=', 'path', ['trusted', 'extensions', 'pp_role']], ['=', 'value', 'db']]]]]])).map((r) => [r['certname'], r['name']]),
    [['db1', 'trusted']]);
  });
  it('resources: not/type/tag/parameter together, and parameters.<name>', async () => {
    assert.deepEqual((await rows(['from', 'resources', ['and', ['not', ['=', 'certname', 'web2']], ['=', 'type', 'File'], ['=', 'tag', 'NGINX'],
      ['=', ['parameter', 'ensure'], 'file']]])).map((r) => r['title']), ['/etc/nginx/nginx.conf']);
    assert.deepEqual((await rows(['from', 'resources', ['=', 'parameters.address', 'db1.example']])).map((r) => r['certname']), ['db1']);
  });
});

describe('paging', () => {
  it('limit, offset and order_by from the from clause, and the total', async () => {
    const r = await engine.query(['from', 'nodes', ['order_by', [['certname', 'desc']]], ['limit', 2], ['offset', 1]], { activeOnly: true, paging: { includeTotal: true } });
    assert.deepEqual(r.rows.map((x) => (x as Row)['certname']), ['web1', 'db1']);
    assert.equal(r.total, 3);
  });
  it('request paging; a null field sorts last ascending, as in PostgreSQL', async () => {
    const r = await engine.query(['from', 'nodes'], { activeOnly: true, paging: { orderBy: [{ field: 'latest_report_status', descending: false }] } });
    assert.deepEqual(r.rows.map((x) => (x as Row)['certname']), ['web1', 'db1', 'web2']);
  });
});

describe('PuppetDB\'s errors', () => {
  it('unknown fields, entities and operators', async () => {
    await refused(['from', 'nodes', ['=', 'foo', 'x']], /^'foo' is not a queryable object for nodes\. Known queryable objects are 'cached_catalog_status', 'catalog_environment', .* and 'report_timestamp'$/);
    await refused(['from', 'fact_contents', ['=', 'nope', 1]], /^'nope' is not a queryable object for fact_nodes\./);
    await refused(['from', 'widgets'], `Invalid entity 'widgets' in query`);
    await refused(['from', 'nodes', ['frob', 'certname', 'x']], `["frob","certname","x"] is not well-formed: query operator 'frob' is unknown`);
    await refused(['from', 'nodes', ['extract', []]], '["extract",[]] is not well-formed: extract requires at least one column');
    await refused(['from', 'nodes', ['=', 'certname']], '= requires exactly two arguments');
    await refused(['from', 'nodes', ['and']], `'and' takes at least one argument, but none were supplied`);
    await refused(['from', 'nodes', ['not', ['=', 'certname', 'a'], ['=', 'certname', 'b']]], `'not' takes exactly one argument, but 2 were supplied`);
  });
  it('operators on fields of the wrong type', async () => {
    await refused(['from', 'nodes', ['<', 'certname', 'x']], 'Query operators >,>=,<,<= are not allowed on field certname');
    await refused(['from', 'nodes', ['~>', 'certname', ['x']]], 'Query operator ~> is not allowed on field certname');
    await refused(['from', 'resources', ['=', 'line', 'three']], 'Argument "three" is incompatible with numeric field "line".');
    await refused(['from', 'nodes', ['>', 'facts_timestamp', 'yesterday']], `'yesterday' is not a valid timestamp value`);
    await refused(['from', 'resources', ['in', 'tags', ['array', ['a']]]], `Operator 'in'...'array' is not supported on array types`);
  });
  it('extract, subquery and paging mistakes', async () => {
    await refused(['from', 'nodes', ['extract', ['certname', 'bogus']]], `Can't extract unknown 'nodes' field 'bogus'. Acceptable fields are 'certname', 'deactivated', 'expired', 'catalog_timestamp', 'facts_timestamp', 'report_timestamp', 'catalog_environment', 'facts_environment', 'report_environment', 'latest_report_status', 'latest_report_hash', 'latest_report_noop', 'latest_report_noop_pending', 'latest_report_corrective_change', 'latest_report_job_id', and 'cached_catalog_status'`);
    await refused(['from', 'nodes', ['in', 'certname', ['extract', 'certname', ['select-facts', ['=', 'name', 'os']]]]], 'Unsupported subquery `select-facts` - did you mean `select_facts`?');
    await refused(['from', 'nodes', ['in', 'bogus', ['extract', 'certname', ['select_facts', ['=', 'name', 'os']]]]], /^Can't match on unknown 'nodes' field 'bogus' for 'in'\. Acceptable fields are/);
    await refused(['from', 'environments', ['subquery', 'nodes', ['=', 'certname', 'x']]], `No implicit relationship for entity 'nodes'`);
    await refused(['from', 'nodes', ['limit', 1], ['limit', 2]], `Multiple 'limit' clauses are not permitted`);
    await refused(['from', 'nodes', ['order_by', [['nope', 'asc']]]], /^Unrecognized column 'nope' specified in :order_by; Supported columns are 'cached_catalog_status', /);
    await refused(['from', 'nodes', ['extract', [['function', 'median', 'certname']]]], 'median is not a valid function');
    await refused(['from', 'nodes', ['extract', [['function', 'sum', 'certname']]]], 'field certname must be a numeric type');
  });
});
