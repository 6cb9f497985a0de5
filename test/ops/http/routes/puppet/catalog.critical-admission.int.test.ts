import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parsePriorityClasses } from '../../../../../core/priority/priority-classes.js';
import { tempEnvironments, writeSite } from '../../../../support/puppet/puppet-env.fixture.js';
import { startTestTroupe, type TestTroupe } from '../../../../support/servers/troupe-instance.js';

const FORM = 'application/x-www-form-urlencoded';
const v3Body = (certname: string): string => {
  const facts = JSON.stringify({ name: certname, values: { role: 'x' }, timestamp: new Date().toISOString() });
  return `facts_format=application%2Fjson&facts=${encodeURIComponent(encodeURIComponent(facts))}&environment=production`;
};

describe('critical nodes at a shut admission gate (v3 door)', () => {
  const envs = tempEnvironments('critical-admission');
  let t: TestTroupe;
  before(async () => {
    writeSite(envs, 'production', 'node default { notify { "hi": } }\n');
    t = await startTestTroupe({ compiler: 'builtin', environmentsDir: envs, workers: 0, admissionHighWater: 4, priorityClasses: parsePriorityClasses('critical:db*') });
  });
  after(async () => {
    await t.stop();
    rmSync(envs, { recursive: true, force: true });
  });

  const checkIn = (certname: string) => fetch(`${t.http.url}/puppet/v3/catalog/${certname}?environment=production`, {
    method: 'POST', headers: { accept: 'application/json', 'content-type': FORM }, body: v3Body(certname),
  });

  it('refuses ordinary nodes 503 and still compiles for a critical one, within the reserve', async () => {
    // Pending work at the high-water mark shuts the gate (these stand for requests in the log, unanswered).
    for (let i = 0; i < 4; i++) assert.ok(t.app.admission.reserve(`held-${i}`));
    assert.equal(t.app.admission.open, false);
    const plain = await checkIn('web1.test');
    assert.equal(plain.status, 503);
    assert.ok(Number(plain.headers.get('retry-after')) >= 1);
    const critical = await checkIn('db1.test');
    assert.equal(critical.status, 200, await critical.clone().text());
    assert.equal(((await critical.json()) as { name: string }).name, 'db1.test');
    // The reserve (highWater / 8, at least 1) is bounded: fill it and a critical node is refused too.
    assert.ok(t.app.admission.reserve('held-critical', 9));
    assert.equal((await checkIn('db2.test')).status, 503);
    for (const id of ['held-0', 'held-1', 'held-2', 'held-3', 'held-critical']) t.app.admission.release(id);
    assert.equal((await checkIn('web1.test')).status, 200);
  });
});
