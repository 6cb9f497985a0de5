// Troupe's operator page: the fleet, one node, and a PQL query box, read
// from Troupe's own API (/status, /troupe/v1) and PuppetDB's (/pdb/query/v4).
// Facts, reports and query rows are untrusted: everything is rendered with
// DOM APIs and textContent, never as markup.

/** A node without a report for this long counts as unreported (Puppetboard's default). */
const UNREPORTED_HOURS = 2;
/** Nodes fetched for the overview table; the counts above it say when there are more. */
const NODES_SHOWN = 1000;
/** Rows of a query result shown; the count says how many matched. */
const ROWS_SHOWN = 1000;
/** Failed compiles listed on the overview, newest first. */
const FAILURES_SHOWN = 20;
/** Newest log events shown in a node's timeline. */
const TIMELINE_EVENTS = 100;
/** How often the fleet view reads deployments and rollouts again while one is open. */
const OPEN_WORK_POLL_MS = 2000;

const view = document.getElementById('view');

/** `el('td', {className: 'x'}, 'text', child)`: an element; strings become text nodes. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else node[k] = v;
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const nodeLink = (certname) => el('a', { href: `#/node/${encodeURIComponent(certname)}`, className: 'node-link' }, certname);
const statusBadge = (status) => el('span', { className: `status status-${status.replaceAll(' ', '-')}` }, status);
const when = (iso) => (iso ? el('time', { dateTime: iso, title: iso }, ago(iso)) : el('span', { className: 'muted' }, 'never'));

function ago(iso) {
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (!Number.isFinite(s)) return iso;
  if (s < 60) return `${Math.max(s, 0)}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  if (s < 172800) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86400)}d ago`;
}

/** Replaces the view's content; null parts are left out. */
const render = (...parts) => view.replaceChildren(...parts.filter((p) => p !== null && p !== undefined));

/** A value as text: strings as they are, anything else as indented JSON. */
const show = (v) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));

function table(headers, rows, className = '') {
  return el('table', { className },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))));
}

/** A failed request: its status and the server's own words (PuppetDB's query errors are plain text). */
class ApiError extends Error {
  constructor(status, text) {
    super(text);
    this.status = status;
  }
}

async function request(url, init) {
  const res = await fetch(url, { headers: { accept: 'application/json' }, ...init });
  const text = await res.text();
  if (!res.ok) {
    let message = text;
    try { message = JSON.parse(text).error ?? text; } catch { /* plain text: PuppetDB's query errors */ }
    throw new ApiError(res.status, message || `${res.status} ${res.statusText}`);
  }
  return { body: JSON.parse(text), total: res.headers.get('x-records') };
}

const getJson = async (url) => (await request(url)).body;
/** POST /pdb/query/v4 with a query (an AST, or PQL text) and paging parameters. */
const pdb = (query, paging = {}) => request('/pdb/query/v4', {
  method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query, ...paging }),
});

// ---------------------------------------------------------------- header

async function renderServerStatus() {
  const target = document.getElementById('server-status');
  try {
    const s = await getJson('/status');
    const a = s.admission ?? {};
    const c = s.compile ?? {};
    target.replaceChildren(
      `${s.state} · log #${s.head} · queue ${s.queueDepth} · admission ${a.open ? 'open' : 'closed'} ${a.pending}/${a.highWater}`
      + ` (${a.refused} refused) · compiles ${c.active} running, ${c.queued} queued of ${c.concurrency} (${c.compiler})`);
    return s;
  } catch (e) {
    target.replaceChildren(`status unavailable: ${e.message}`);
    return null;
  }
}

// ---------------------------------------------------------------- fleet

/** One word per node: the newest thing an operator should know about it. */
export function nodeStatus(node, failing, now = Date.now()) {
  if (failing.has(node.certname)) return 'compile failed';
  if (!node.report_timestamp || now - Date.parse(node.report_timestamp) > UNREPORTED_HOURS * 3600_000) return 'unreported';
  if (node.latest_report_status === 'failed') return 'failed';
  if (node.latest_report_noop && node.latest_report_noop_pending) return 'noop';
  return node.latest_report_status ?? 'unreported';
}

const STATUSES = ['failed', 'compile failed', 'changed', 'noop', 'unchanged', 'unreported'];

async function renderFleet() {
  const [status, nodes, failures] = await Promise.all([
    renderServerStatus(),
    pdb(['from', 'nodes'], { order_by: [{ field: 'certname' }], limit: NODES_SHOWN, include_total: true }),
    getJson(`/troupe/v1/compile-failures?limit=${NODES_SHOWN}`),
  ]);
  const failing = new Set(failures.filter((f) => f.current).map((f) => f.certname));
  const newestFailures = failures.slice(0, FAILURES_SHOWN);
  const rows = nodes.body.map((n) => ({ ...n, status: nodeStatus(n, failing) }));
  const total = Number(nodes.total ?? rows.length);
  const counts = Object.fromEntries(STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));

  const filter = el('input', { type: 'search', className: 'filter', placeholder: 'filter by certname, or a status', id: 'node-filter' });
  const nodeTable = table(['certname', 'status', 'environment', 'last run', 'catalog', 'facts'], []);
  nodeTable.id = 'nodes';
  const fill = () => {
    const needle = filter.value.trim().toLowerCase();
    // A status name shows exactly that status (`failed` is not `compile failed`); anything else matches names.
    const shown = rows.filter((r) => !needle || (STATUSES.includes(needle) ? r.status === needle : r.certname.toLowerCase().includes(needle)));
    nodeTable.tBodies[0].replaceChildren(...shown.map((r) => el('tr', { dataset: { certname: r.certname } },
      el('td', {}, nodeLink(r.certname)), el('td', {}, statusBadge(r.status)),
      el('td', {}, r.catalog_environment ?? r.facts_environment ?? r.report_environment ?? ''),
      el('td', {}, when(r.report_timestamp)), el('td', {}, when(r.catalog_timestamp)), el('td', {}, when(r.facts_timestamp)))));
  };
  filter.addEventListener('input', fill);
  fill();

  render(
    el('h1', {}, 'Fleet'),
    el('div', { className: 'tiles' },
      el('div', { className: 'tile', id: 'node-count' }, el('span', { className: 'n' }, total), el('span', { className: 'label' }, 'active nodes')),
      STATUSES.map((s) => {
        const tile = el('button', { type: 'button', className: `tile tile-${s.replaceAll(' ', '-')}`, title: `show the ${s} nodes` },
          el('span', { className: 'n' }, counts[s]), el('span', { className: 'label' }, s));
        tile.addEventListener('click', () => { filter.value = filter.value === s ? '' : s; fill(); });
        return tile;
      })),
    total > rows.length ? el('p', { className: 'muted' }, `Counts and table cover the first ${rows.length} of ${total} nodes by name.`) : null,
    status ? serverCards(status) : null,
    deploymentsSection(status?.deployments),
    rolloutsSection(status?.rollouts),
    el('h2', {}, 'Failed compiles'),
    failures.length === 0 ? el('p', { className: 'muted' }, 'None.') : table(['node', 'when', 'compiler', 'error', 'now'],
      newestFailures.map((f) => [nodeLink(f.certname), when(f.time), f.compiler, el('pre', {}, `${f.error.code}: ${f.error.message}`),
        f.current ? statusBadge('compile failed') : el('span', { className: 'muted' }, 'compiled since')]), 'failures'),
    failures.length > newestFailures.length ? el('p', { className: 'muted' }, `The newest ${newestFailures.length} of ${failures.length}.`) : null,
    el('h2', {}, 'Nodes'),
    filter,
    nodeTable);
  watchOpen('deployments', '/troupe/v1/deployments', deploymentsSection, status?.deployments?.open?.length ?? 0);
  watchOpen('rollouts', '/troupe/v1/rollouts', rolloutsSection, status?.rollouts?.open?.length ?? 0);
}

/** Open deployments, then the recently finished (the server keeps five), each with its progress through its nodes. */
function deploymentsSection(deployments) {
  const all = [...(deployments?.open ?? []), ...(deployments?.finished ?? [])];
  return el('section', { id: 'deployments' }, el('h2', {}, 'Deployments'),
    all.length === 0
      ? el('p', { className: 'muted' }, 'None since the server started.')
      : table(['started', 'environment', 'code', 'scope', 'progress', 'changed (pushed)', 'unchanged', 'failed', 'in flight', 'state'],
        all.map(deploymentRow), 'deployments'));
}

function deploymentRow(d) {
  const answered = d.changed + d.unchanged + d.failed;
  return [when(d.startedAt), d.environment, el('code', { title: d.codeId }, d.codeId.slice(0, 12)), d.scope,
    el('span', { className: 'progress' }, el('progress', { max: Math.max(d.nodes, 1), value: answered }), ` ${answered} / ${d.nodes}`),
    d.changed, d.unchanged, d.failed, d.inFlight, statusBadge(d.outcome ?? 'open')];
}

/**
 * Open staged rollouts: where each is (wave, phase and why it paused), the
 * nodes moved to the new code and the health gate's figures. Shown only
 * while one is open (`/status` lists open ones).
 */
function rolloutsSection(rollouts) {
  const open = rollouts?.open ?? [];
  if (open.length === 0) return el('section', { id: 'rollouts' });
  return el('section', { id: 'rollouts' }, el('h2', {}, 'Rollouts'),
    table(['environment', 'code', 'phase', 'wave', 'moved', 'failed runs (gate)', 'next wave'], open.map(rolloutRow), 'rollouts'));
}

function rolloutRow(r) {
  const phase = r.pause ? el('span', {}, statusBadge(r.phase), ` ${r.pause.reason}: ${r.pause.detail}`) : statusBadge(r.phase);
  return [r.environment,
    el('code', { title: `${r.previousCodeId} → ${r.codeId}` }, `${r.previousCodeId.slice(0, 12)} → ${r.codeId.slice(0, 12)}`),
    phase, `${r.wave} / ${r.waves.length} (${r.waves.join(', ')})`,
    el('span', { className: 'progress' }, el('progress', { max: Math.max(r.nodes, 1), value: r.moved }), ` ${r.moved} / ${r.nodes}`),
    `${r.gate.failed} of ${r.gate.reported} (at most ${r.gate.maxFailedPercent} %)`,
    r.nextWaveAt ? el('time', { dateTime: r.nextWaveAt, title: r.nextWaveAt }, r.nextWaveAt) : el('span', { className: 'muted' }, '—')];
}

const openWorkTimers = {};

/**
 * While `open` items are open and the fleet view shows, reads `url` again
 * every OPEN_WORK_POLL_MS and redraws section `id` with `render`.
 */
function watchOpen(id, url, render, open) {
  clearTimeout(openWorkTimers[id]);
  if (open === 0) return;
  openWorkTimers[id] = setTimeout(async () => {
    if (!document.getElementById(id)) return; // another view now
    let next = open;
    try {
      const d = await getJson(url);
      document.getElementById(id)?.replaceWith(render(d));
      next = d.open.length;
    } catch { /* tried again on the next tick */ }
    watchOpen(id, url, render, next);
  }, OPEN_WORK_POLL_MS);
}

function serverCards(s) {
  const card = (title, entries) => el('div', { className: 'card' }, el('h2', {}, title),
    el('dl', {}, entries.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v ?? '—'))])));
  const a = s.admission ?? {};
  const c = s.compile ?? {};
  return el('div', { className: 'grid', id: 'server-cards' },
    card('Server', [['state', s.state], ['degraded', (s.degraded ?? []).join(', ') || 'nothing'], ['log head', s.head], ['queue depth', s.queueDepth]]),
    card('Admission', [['open', a.open], ['pending', a.pending], ['high water', a.highWater], ['refused', a.refused]]),
    card('Compiles', [['compiler', c.compiler], ['running', c.active], ['queued', c.queued], ['concurrency', c.concurrency]]),
    card('Memory (MB)', Object.entries(s.memory ?? {})));
}

// ---------------------------------------------------------------- node

async function renderNode(certname) {
  void renderServerStatus();
  const [node, facts, types, classes, reports, events] = await Promise.all([
    getJson(`/troupe/v1/nodes/${encodeURIComponent(certname)}`).catch(() => null),
    getJson(`/pdb/query/v4/nodes/${encodeURIComponent(certname)}/facts`).catch(() => []),
    pdb(['from', 'resources', ['extract', [['function', 'count'], 'type'], ['=', 'certname', certname], ['group_by', 'type']]]).then((r) => r.body).catch(() => []),
    pdb(['from', 'resources', ['extract', ['title'], ['and', ['=', 'certname', certname], ['=', 'type', 'Class']]]], { order_by: [{ field: 'title' }] })
      .then((r) => r.body.map((c) => c.title)).catch(() => []),
    nodeReports(certname),
    getJson(`/troupe/v1/nodes/${encodeURIComponent(certname)}/events?order=desc&brief=true&limit=${TIMELINE_EVENTS}`).catch(() => []),
  ]);
  const resourceCount = types.reduce((n, t) => n + Number(t.count), 0);
  render(
    el('h1', {}, 'Node ', el('span', { id: 'node-name' }, certname)),
    node ? el('div', { className: 'grid' }, el('div', { className: 'card' }, el('dl', {},
      [['environment', node.environment], ['facts', node.factsTimestamp], ['catalog', node.catalogTimestamp],
        ['last report', node.reportTimestamp], ['catalog hash', node.catalogHash], ['deactivated', node.deactivated ?? 'no']]
        .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v ?? '—')])))) : el('p', { className: 'error' }, `Troupe knows nothing about ${certname}.`),
    el('div', { className: 'two' },
      el('section', {}, el('h2', {}, `Facts (${facts.length})`),
        facts.length === 0 ? el('p', { className: 'muted' }, 'No facts stored.')
          : table(['name', 'value'], facts.map((f) => [f.name, el('pre', {}, show(f.value))]), 'facts')),
      el('section', {},
        el('h2', {}, `Catalog: ${resourceCount} resources`),
        types.length === 0 ? el('p', { className: 'muted' }, 'No catalog stored.')
          : table(['type', 'resources'], [...types].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)).map((t) => [t.type, t.count]), 'resource-types'),
        el('h2', {}, `Classes (${classes.length})`),
        el('p', { id: 'classes' }, classes.join(', ') || '—'),
        el('h2', {}, 'Reports'),
        reports)),
    el('h2', {}, `Timeline (newest ${TIMELINE_EVENTS} events from the log)`),
    events.length === 0 ? el('p', { className: 'muted' }, 'No events.')
      : table(['time', 'position', 'event', 'what'], events.map((e) => [when(e.time), `#${e.position}`, e.type, describeEvent(e)]), 'timeline'));
}

/**
 * The newest reports: PuppetDB's `reports` endpoint when Troupe answers it
 * (then also the newest report's resource events), else Troupe's own list.
 */
async function nodeReports(certname) {
  let rows;
  let latestEvents = null;
  try {
    const r = await pdb(['from', 'reports', ['=', 'certname', certname]], { order_by: [{ field: 'producer_timestamp', order: 'desc' }], limit: 10 });
    rows = r.body.map((x) => ({ time: x.end_time ?? x.producer_timestamp, status: x.status, noop: x.noop, version: x.configuration_version,
      puppet: x.puppet_version, events: Array.isArray(x.resource_events?.data) ? x.resource_events.data.length : null }));
    if (r.body[0]) latestEvents = await reportEvents(r.body[0]);
  } catch {
    try {
      rows = (await getJson(`/troupe/v1/nodes/${encodeURIComponent(certname)}/reports?limit=10`)).map((x) => ({
        time: x.endTime ?? x.producerTimestamp, status: x.status, noop: x.noop, version: x.configurationVersion, puppet: x.puppetVersion, events: null }));
    } catch (e) {
      return el('p', { className: 'error' }, `Reports unavailable: ${e.message}`);
    }
  }
  if (rows.length === 0) return el('p', { className: 'muted' }, 'No reports.');
  return el('div', {},
    table(['finished', 'status', 'config version', 'puppet', 'events'],
      rows.map((r) => [when(r.time), statusBadge(r.noop && r.status !== 'failed' ? 'noop' : r.status), r.version ?? '', r.puppet ?? '', r.events ?? '—']), 'reports'),
    latestEvents === null || latestEvents.length === 0 ? null : el('h2', {}, 'Events of the newest report'),
    latestEvents === null || latestEvents.length === 0 ? null : table(['status', 'resource', 'property', 'from → to', 'message'],
      latestEvents.map((e) => [statusBadge(e.status === 'failure' ? 'failed' : e.status === 'success' ? 'changed' : String(e.status ?? '')),
        `${e.resource_type}[${e.resource_title}]`, e.property ?? '', `${show(e.old_value ?? '')} → ${show(e.new_value ?? '')}`, e.message ?? '']), 'report-events'));
}

/** A PuppetDB report's resource events: expanded in the report, else from the `events` endpoint. */
async function reportEvents(report) {
  if (Array.isArray(report.resource_events?.data)) return report.resource_events.data;
  try {
    return (await pdb(['from', 'events', ['=', 'report', report.hash]], { limit: 100 })).body;
  } catch {
    return null;
  }
}

/** One line per logged event (as `?brief=true` sends it), as `troupe events --node` prints it. */
function describeEvent(e) {
  const d = e.data ?? {};
  switch (e.type) {
    case 'facts_submitted': return `${d.factCount} facts, environment ${d.environment}`;
    case 'catalog_requested': return `reason ${d.reason}, priority ${d.priority} (via ${e.meta?.source})`;
    case 'catalog_compiled': return `${d.resourceCount} resources, hash ${String(d.hash).slice(0, 12)}${d.hash === d.previousHash ? ' (unchanged)' : ''}, ${Number(d.durationMs).toFixed(1)} ms by ${d.compiler}`;
    case 'compile_failed': return `${d.error?.code}: ${d.error?.message} (by ${d.compiler})`;
    case 'compile_aborted': return `${d.reason}: ${d.detail}`;
    case 'compile_drift': return `${d.differenceCount} difference(s) from Puppet: ${(d.differences ?? []).join('; ')}`;
    case 'catalog_submitted': return d.bodyOf ? `unchanged (body of event ${d.bodyOf})` : `${d.resourceCount} resources`;
    case 'report_submitted': return `status ${d.status}${d.noop ? ' (noop)' : ''}, config version ${d.configurationVersion}`;
    case 'command_rejected': return d.reason;
    case 'code_deployed': return `environment ${d.environment} code ${d.codeId}`;
    default: return `via ${e.meta?.source ?? '?'}`;
  }
}

// ---------------------------------------------------------------- query

const EXAMPLE_QUERY = 'nodes[certname, report_timestamp] { facts { name = "os" } }';

function renderQuery(text) {
  void renderServerStatus();
  const input = el('textarea', { id: 'pql', spellcheck: false, value: text || EXAMPLE_QUERY, ariaLabel: 'PQL query' });
  const run = el('button', { type: 'submit', id: 'run-query' }, 'Run');
  const result = el('div', { id: 'query-result' });
  const form = el('form', { className: 'query-form' }, input, el('div', { className: 'actions' }, run,
    el('span', { className: 'muted' }, 'PQL, e.g. inventory[certname] { facts.os.family = "Debian" } — or an AST as JSON')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    history.replaceState(null, '', `#/query?q=${encodeURIComponent(input.value)}`);
    void runQuery(input.value, result);
  });
  view.replaceChildren(el('h1', {}, 'Query'), form, result);
  if (text) void runQuery(text, result);
}

async function runQuery(text, target) {
  target.replaceChildren(el('p', { className: 'muted' }, 'Running…'));
  try {
    // POST: a long query does not meet URL length limits; PQL and AST text alike, as PuppetDB reads them.
    const { body } = await pdb(text);
    const rows = Array.isArray(body) ? body : [body];
    const columns = [...new Set(rows.slice(0, ROWS_SHOWN).flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : ['value'])))];
    target.replaceChildren(
      el('p', { id: 'row-count' }, `${rows.length} row${rows.length === 1 ? '' : 's'}${rows.length > ROWS_SHOWN ? `, showing the first ${ROWS_SHOWN}` : ''}`),
      rows.length === 0 ? '' : table(columns, rows.slice(0, ROWS_SHOWN).map((r) => columns.map((c) => {
        const v = r && typeof r === 'object' ? r[c] : r;
        if (c === 'certname' && typeof v === 'string') return nodeLink(v);
        return v === undefined ? '' : el('pre', {}, show(v));
      })), 'query-rows'));
  } catch (e) {
    target.replaceChildren(el('pre', { className: 'error', id: 'query-error' }, e.message));
  }
}

// ---------------------------------------------------------------- routing

async function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  try {
    if (hash.startsWith('/node/')) await renderNode(decodeURIComponent(hash.slice('/node/'.length)));
    else if (hash.startsWith('/query')) renderQuery(new URLSearchParams(hash.split('?')[1] ?? '').get('q') ?? '');
    else await renderFleet();
    document.body.dataset.ready = hash;
  } catch (e) {
    view.replaceChildren(el('h1', {}, 'Something failed'), el('pre', { className: 'error' }, e.message));
    document.body.dataset.ready = hash;
  }
}

window.addEventListener('hashchange', () => { delete document.body.dataset.ready; void route(); });
document.getElementById('refresh').addEventListener('click', () => { delete document.body.dataset.ready; void route(); });
void route();
