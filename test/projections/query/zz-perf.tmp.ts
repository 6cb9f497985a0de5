import { performance } from 'node:perf_hooks';
import { catalogSubmitted, resource, storeCatalog } from '../storeconfigs.fixture.js';
import { factsSubmitted, reportSubmitted, loadedEngine } from './query.fixture.js';
import type { TroupeEvent } from '../../../core/events/event.types.js';
const N = Number(process.argv[2] ?? 2000);
const events: TroupeEvent[] = [];
for (let i = 0; i < N; i++) {
  const c = `node${i}.example.com`;
  const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  const facts: Record<string, unknown> = { os: { family: i % 3 ? 'Debian' : 'RedHat', release: { major: String(10 + (i % 3)) } }, kernel: 'Linux', uptime_days: i % 100,
    networking: { interfaces: { eth0: { ip: `10.0.${i >> 8}.${i & 255}` }, lo: { ip: '127.0.0.1' } } }, datacenter: i % 2 ? 'a' : 'b' };
  for (let f = 0; f < 40; f++) facts[`fact_${f}`] = `value ${f} ${i % 7}`;
  events.push(factsSubmitted(c, facts, at));
  const res = [resource('Class', 'main'), resource('Class', i % 2 ? 'Webserver' : 'Db')];
  for (let r = 0; r < 40; r++) res.push(resource('File', `/etc/file${r}`, { parameters: { ensure: 'file', mode: '0644' } }));
  res.push(resource('Sshkey', c, { exported: true, tags: ['sshkey'], parameters: { key: 'AAAA', type: 'ed25519' } }));
  events.push(catalogSubmitted(c, storeCatalog(res, { producerTimestamp: at }), `c${i}`));
  events.push(reportSubmitted(c, at, i % 10 ? 'unchanged' : 'failed'));
}
const t0 = performance.now();
const { engine } = loadedEngine(events);
console.log(`loaded ${N} nodes in ${Math.round(performance.now() - t0)} ms`);
const qs: [string, unknown, object?][] = [
  ['nodes (all)', ['from', 'nodes']],
  ['nodes count by status', ['from', 'nodes', ['extract', [['function', 'count'], 'latest_report_status'], ['group_by', 'latest_report_status']]]],
  ['node page: node', ['from', 'nodes', ['=', 'certname', 'node77.example.com']]],
  ['node page: facts', ['from', 'facts', ['=', 'certname', 'node77.example.com']]],
  ['node page: resources', ['from', 'resources', ['=', 'certname', 'node77.example.com']]],
  ['catalog', ['from', 'catalogs', ['=', 'certname', 'node77.example.com']]],
  ['collector', ['from', 'resources', ['extract', ['certname','title','parameters'], ['and', ['=', 'type', 'Sshkey'], ['=', 'exported', true], ['not', ['=', 'certname', 'node1.example.com']]]]]],
  ['facts os (Puppetboard fact page)', ['from', 'facts', ['=', 'name', 'os']]],
  ['inventory facts.os.family', ['from', 'inventory', ['extract', ['certname'], ['=', 'facts.os.family', 'RedHat']]]],
  ['seed: dc=a and class webserver', ['from', 'nodes', ['extract', ['certname'], ['and', ['=', ['fact', 'datacenter'], 'a'], ['subquery', 'resources', ['and', ['=', 'type', 'Class'], ['~', 'title', 'Webserver']]]]]]],
  ['fact-contents path', ['from', 'fact_contents', ['=', 'path', ['networking', 'interfaces', 'eth0', 'ip']]]],
  ['fact-paths', ['from', 'fact_paths']],
  ['fact-names', ['from', 'fact_names']],
  ['nodes paged total', ['from', 'nodes', ['limit', 20]], { includeTotal: true }],
];
for (const [name, q, paging] of qs) {
  const times: number[] = [];
  let n = 0;
  for (let k = 0; k < 5; k++) { const s = performance.now(); n = (await engine.query(q, { activeOnly: true, ...(paging ? { paging } : {}) })).rows.length; times.push(performance.now() - s); }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(36)} rows=${String(n).padStart(6)} median=${times[2]!.toFixed(1)}ms max=${times[4]!.toFixed(1)}ms`);
}
