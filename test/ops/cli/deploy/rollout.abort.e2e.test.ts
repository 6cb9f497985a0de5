import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ROLLOUTS_STREAM, type RecordedEvent, type ReportSubmitted, type RolloutPaused, type TroupeEvent } from '../../../../core/events/event.types.js';
import { deployCommand } from '../../../../ops/cli/deploy/deploy.command.js';
import { rolloutCommand } from '../../../../ops/cli/deploy/rollout.command.js';
import { tempEnvironments, writeSite } from '../../../support/puppet/puppet-env.fixture.js';
import { allEvents, eventually, stompTestFile } from '../../../support/brokers/stomp.fixture.js';
import { brokerAgent, troupeOnBroker } from '../../../support/brokers/broker-troupe.fixture.js';
import { postJson, type TestTroupe } from '../../../support/servers/troupe-instance.js';

const file = stompTestFile('rollout', 61751, { reuse: false });

// Three waves by fact: the canary, then the tier=two nodes (whose new catalog fails to apply), then the rest.
const NODES = {
  'canary1.test': { canary: 'yes' },
  'mid1.test': { tier: 'two' },
  'mid2.test': { tier: 'two' },
  'rest1.test': { tier: 'three' },
  'rest2.test': { tier: 'three' },
  'rest3.test': { tier: 'three' },
} as const;
const CERTNAMES = Object.keys(NODES) as (keyof typeof NODES)[];
const MOVED = ['canary1.test', 'mid1.test', 'mid2.test'];

const SITE_V1 = "node default { notify { 'release': message => 'v1' } }\n";
const SITE_V2 = "node default {\n  notify { 'release': message => 'v2' }\n  if $facts['tier'] == 'two' { notify { 'FAILS-TO-APPLY': } }\n}\n";
// The agents' apply: a catalog holding the marker fails (exit 1 → a `failed` report), any other applies unchanged.
const APPLY = 'grep -q FAILS-TO-APPLY {file} && exit 1; exit 0';

const quiet = { out: () => undefined, err: () => undefined };
// Long enough for wave 2's agents to apply and report before wave 3 is due, even on a loaded machine.
const PACE_S = 10;

describe('staged rollout: three waves, the second fails, the gate pauses, abort rolls back (real ActiveMQ, troupe agents)', () => {
  const broker = troupeOnBroker(file, 'rollout-e2e', SITE_V1);
  let t: TestTroupe;
  before(() => { t = broker.troupe; });

  const catalogOf = (certname: string) => readFileSync(join(file.dir, certname, `${certname}.catalog.json`), 'utf8');
  const release = (certname: string) => (JSON.parse(catalogOf(certname)) as { resources: Array<{ title: string; parameters?: Record<string, unknown> }> })
    .resources.find((r) => r.title === 'release')?.parameters?.['message'];
  const reports = async (certname: string) => (await allEvents(t.app.log))
    .filter((e): e is RecordedEvent<ReportSubmitted> => e.type === 'report_submitted' && e.stream === certname);
  const steps = async () => (await allEvents(t.app.log)).filter((e) => e.stream === ROLLOUTS_STREAM) as RecordedEvent<TroupeEvent>[];
  const checkIn = async (certname: keyof typeof NODES) => {
    const r = await postJson(`${t.http.url}/puppet/v4/catalog`, { certname, environment: 'production', facts: { values: NODES[certname] } });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json.catalog.resources.find((x: { title: string }) => x.title === 'release').parameters.message as string;
  };

  it('moves only each wave, pauses by itself on the failing wave, and abort leaves every agent on the previous catalog', async () => {
    for (const c of CERTNAMES) assert.equal(await checkIn(c), 'v1');
    // Each agent takes its first catalog; moved nodes get two more (the new code, then the previous again after the abort).
    const agents = CERTNAMES.map((c) => brokerAgent(file, c, ['--max-catalogs', MOVED.includes(c) ? '3' : '1'], APPLY));
    await eventually(async () => (await Promise.all(CERTNAMES.map(reports))).every((r) => r.length === 1), 30_000, 'the first reports');
    await eventually(async () => (await t.app.queries.countNodesOfEnvironment('production', 'none')) === 6, 10_000, 'the projection');

    const v2 = writeSite(tempEnvironments('rollout-v2'), 'production', SITE_V2);
    assert.equal(await deployCommand(['--url', t.http.url, '--code-dir', v2, '--waves', 'canary=yes,tier=two,rest', '--pace', `${PACE_S}s`, '--gate', 'failed<=0%'], quiet), 0);

    await eventually(() => t.app.rollouts.status().open[0]?.phase === 'paused', 60_000, 'the gate to pause the rollout');
    const r = t.app.rollouts.status().open[0]!;
    assert.equal(r.pause?.reason, 'gate', JSON.stringify(r));
    assert.equal(r.wave, 2);
    assert.equal(r.moved, 3);
    assert.match(r.pause!.detail, /failed their last run/);
    const waves = (await steps()).flatMap((e) => (e.type === 'rollout_wave_started' ? [e.data.certnames] : []));
    assert.deepEqual(waves, [['canary1.test'], ['mid1.test', 'mid2.test']], 'each wave moved exactly its selector\'s nodes');
    // The first failed report paused it (gate 0%); the other wave-2 node's failure follows.
    await eventually(async () => (await Promise.all(['mid1.test', 'mid2.test'].map(reports))).every((r) => r.at(-1)?.data.status === 'failed'), 20_000, "wave 2's failed runs");

    // While paused: moved nodes are compiled with the new code, the others with the previous, at their own check-ins too.
    assert.equal(await checkIn('canary1.test'), 'v2');
    assert.equal(await checkIn('rest1.test'), 'v1');
    const wave2 = (await steps()).filter((e) => e.type === 'rollout_wave_started')[1]!;
    await new Promise((res) => setTimeout(res, Math.max(0, Date.parse(wave2.time) + PACE_S * 1000 + 1500 - Date.now())));
    assert.equal(t.app.rollouts.status().open[0]?.wave, 2, 'a paused rollout starts no wave after its pace');

    assert.equal(await rolloutCommand(['abort', '--url', t.http.url], quiet), 0);
    await eventually(() => t.app.rollouts.status().finished[0]?.outcome === 'aborted', 60_000, 'the abort to finish');
    assert.deepEqual(await Promise.all(agents), CERTNAMES.map(() => 0), 'every agent took its catalogs and exited');
    for (const c of CERTNAMES) {
      assert.equal(release(c), 'v1', `${c} ends on the previous version's catalog`);
      assert.doesNotMatch(catalogOf(c), /FAILS-TO-APPLY/);
    }
    // An agent exits once its report is sent over STOMP; the report reaches the log a moment later.
    await eventually(async () => (await Promise.all(MOVED.map(reports))).every((r) => r.at(-1)?.data.status === 'unchanged'), 20_000, 'the moved nodes to report applying the previous catalog');
    // Settled on the previous version: a check-in after the abort gets it too, and its copy is all that is left.
    assert.equal(await checkIn('mid1.test'), 'v1');
    const versions = join(t.app.config.dataDir, 'code-versions', 'production');
    assert.ok(existsSync(versions));
    assert.deepEqual(t.app.rollouts.status().settled, { production: t.app.rollouts.status().finished[0]!.codeId });

    // Every step is in the log.
    const types = (await steps()).map((e) => e.type);
    assert.deepEqual(types, ['rollout_started', 'rollout_wave_started', 'rollout_wave_started', 'rollout_paused', 'rollout_aborted', 'rollout_finished']);
    const paused = (await steps()).find((e): e is RecordedEvent<RolloutPaused> => e.type === 'rollout_paused')!;
    assert.equal(paused.data.reason, 'gate');
    const rolloutId = (await steps())[0]!.id;
    const recompiles = (await allEvents(t.app.log)).filter((e) => e.type === 'catalog_requested' && e.meta.causationId === rolloutId).map((e) => e.stream).sort();
    assert.deepEqual(recompiles, [...MOVED, ...MOVED].sort(), 'moved nodes recompiled twice (wave, abort); the rest never');
  });
});
