import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { RolloutEvent, TroupeEvent } from '../../../core/events/event.types.js';
import type { RolloutPlan, WaveSpec } from '../../../core/rollout/rollout-plan.js';
import {
  assignedCodeId, commandRefusal, evolveRollouts, initialRolloutState, nextRolloutStep, promotion,
  type RolloutCommand, type RolloutMove, type RolloutState,
} from '../../../core/rollout/rollout-state.js';
import { waveMembers } from '../../../core/rollout/wave-members.js';

const ENV = 'production';
const ID = 'r1';

/** A fleet: certnames, each in dc1 or dc2. */
const fleet = fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{1,6}[0-9]?$/), fc.constantFrom('dc1', 'dc2')), { minLength: 1, maxLength: 30, selector: ([c]) => c });
const wave: fc.Arbitrary<WaveSpec> = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map((count) => ({ kind: 'count' as const, count })),
  fc.integer({ min: 1, max: 100 }).map((percent) => ({ kind: 'percent' as const, percent })),
  fc.constantFrom('dc1', 'dc2').map((dc) => ({ kind: 'selector' as const, text: `dc=${dc}`, condition: ['=', 'facts.dc', dc] as never })),
);
const plan: fc.Arbitrary<RolloutPlan> = fc.array(wave, { maxLength: 4 }).map((waves) => ({ waves: [...waves, { kind: 'rest' }], paceMs: 1000, gate: { maxFailedPercent: 50 } }));
type Op = { op: 'tick' } | { op: 'report'; node: number; failed: boolean } | { op: 'compile'; node: number; failed: boolean } | { op: RolloutCommand } | { op: 'join'; dc: 'dc1' | 'dc2' };
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant({ op: 'tick' as const }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('report' as const), node: fc.nat(), failed: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('compile' as const), node: fc.nat(), failed: fc.boolean() }), weight: 2 },
  { arbitrary: fc.constantFrom(...(['pause', 'resume', 'promote', 'abort'] as const)).map((o) => ({ op: o })), weight: 2 },
  { arbitrary: fc.constantFrom('dc1', 'dc2').map((dc) => ({ op: 'join' as const, dc })), weight: 1 },
);

/**
 * Drives the reducer as the rollout feeder does, recording every event:
 * waves' members worked out with waveMembers, each step taken only when
 * nextRolloutStep (or an operator's command) says so, time moving a pace
 * per tick. Recompiles are taken as answered at once.
 */
function drive(nodes: Map<string, string>, p: RolloutPlan, ops: readonly Op[]) {
  const state = initialRolloutState();
  const log: TroupeEvent[] = [];
  let now = 0;
  const append = (type: string, data: unknown, stream = '$rollouts') => {
    const e = { type, data, id: `e${log.length}`, stream, time: new Date(now).toISOString(), meta: { source: 'test' } } as unknown as TroupeEvent;
    log.push(e);
    evolveRollouts(state, e);
  };
  const move = (s: RolloutMove) => {
    const r = state.open.get(ENV)!;
    if (s.kind === 'finish') return append('rollout_finished', { rolloutId: ID, environment: ENV, outcome: s.outcome, codeId: s.codeId });
    const spec = r.plan.waves[s.wave]!;
    const selected = new Set([...nodes].filter(([, dc]) => spec.kind === 'selector' && spec.text === `dc=${dc}`).map(([c]) => c));
    append('rollout_wave_started', { rolloutId: ID, wave: s.wave, certnames: waveMembers(spec, { nodes: [...nodes.keys()], moved: new Set(r.moved.keys()), total: r.nodes, selected }) });
  };
  append('rollout_started', { rolloutId: ID, environment: ENV, codeId: 'new', previousCodeId: 'old', plan: p, nodes: nodes.size, requestedBy: null });
  for (const o of ops) {
    const r = state.open.get(ENV);
    if (!r) break;
    now += 1000;
    if (o.op === 'tick') {
      const s = nextRolloutStep(r, now, true);
      if (s?.kind === 'pause') append('rollout_paused', { rolloutId: ID, reason: 'gate', detail: s.detail });
      else if (s) move(s);
    } else if (o.op === 'report') {
      const certname = [...nodes.keys()][o.node % nodes.size]!;
      append('report_submitted', { environment: ENV, status: o.failed ? 'failed' : 'unchanged' }, certname);
    } else if (o.op === 'compile') {
      const certname = [...nodes.keys()][o.node % nodes.size]!;
      if (o.failed) append('compile_failed', { environment: ENV, requestIds: [], compiler: 'builtin', durationMs: 1, error: { code: 'x', message: 'x' } }, certname);
      else append('catalog_compiled', { requestIds: [], hash: 'h', previousHash: null, compiler: 'builtin', durationMs: 1, catalog: { environment: ENV } }, certname);
    } else if (o.op === 'join') {
      nodes.set(`new${nodes.size}`, o.dc);
    } else if (commandRefusal(r, o.op) === null) {
      if (o.op === 'promote') { append('rollout_promoted', { rolloutId: ID, by: null }); move(promotion(r)); }
      else append(o.op === 'pause' ? 'rollout_paused' : o.op === 'resume' ? 'rollout_resumed' : 'rollout_aborted', { rolloutId: ID, by: null, reason: 'operator', detail: 'test' });
    }
  }
  return { state, log };
}

function snapshot(s: RolloutState): unknown {
  return JSON.parse(JSON.stringify({ open: [...s.open.values()].map((r) => ({ ...r, moved: [...r.moved], health: [...r.health], compileFailures: [...r.compileFailures] })), settled: [...s.settled], finished: s.finished }));
}

describe('rollout reducer', () => {
  it('never moves a node outside its wave, nor twice', () => {
    fc.assert(fc.property(fleet, plan, fc.array(op, { maxLength: 40 }), (f, p, ops) => {
      const dcOf = new Map(f);
      const { state, log } = drive(dcOf, p, ops);
      const moved = new Set<string>();
      for (const e of log as RolloutEvent[]) {
        if (e.type !== 'rollout_wave_started') continue;
        const spec = p.waves[e.data.wave]!;
        for (const c of e.data.certnames) {
          assert.ok(!moved.has(c), `${c} moved twice`);
          moved.add(c);
          if (spec.kind === 'selector') assert.equal(`dc=${dcOf.get(c)}`, spec.text, `${c} is outside selector wave ${spec.text}`);
        }
        if (spec.kind === 'count') assert.ok(e.data.certnames.length <= spec.count);
        if (spec.kind === 'percent') assert.ok(e.data.certnames.length <= Math.max(1, Math.ceil((spec.percent * f.length) / 100)));
      }
      // While it is open, a node is on the new code only if a wave moved it, and only while no abort is under way.
      const r = state.open.get(ENV);
      if (r === undefined) return;
      for (const c of [...dcOf.keys(), 'stranger']) {
        if (assignedCodeId(state, ENV, c) === 'new') assert.ok(moved.has(c) && r.phase !== 'aborting', `${c} on the new code outside any wave`);
      }
    }), { numRuns: 300 });
  });

  it('an abort leaves every node on the previous version', () => {
    fc.assert(fc.property(fleet, plan, fc.array(op, { maxLength: 30 }), (f, p, ops) => {
      const nodes = new Map(f);
      const { state, log } = drive(nodes, p, ops);
      const r = state.open.get(ENV);
      if (!r) return; // completed before any abort
      if (r.phase !== 'aborting') log.push({ type: 'rollout_aborted', id: 'x', stream: '$rollouts', time: new Date(0).toISOString(), meta: { source: 'test' }, data: { rolloutId: ID, by: null } });
      evolveRollouts(state, log[log.length - 1]!);
      // While the moved nodes are being recompiled, and after the abort finished:
      for (const c of [...nodes.keys(), ...r.moved.keys()]) assert.equal(assignedCodeId(state, ENV, c), 'old');
      const finish = nextRolloutStep(state.open.get(ENV)!, Number.MAX_SAFE_INTEGER, true);
      assert.deepEqual(finish, { kind: 'finish', outcome: 'aborted', codeId: 'old' });
      evolveRollouts(state, { type: 'rollout_finished', id: 'y', stream: '$rollouts', time: new Date(0).toISOString(), meta: { source: 'test' }, data: { rolloutId: ID, environment: ENV, outcome: 'aborted', codeId: 'old' } });
      for (const c of [...nodes.keys(), ...r.moved.keys()]) assert.equal(assignedCodeId(state, ENV, c), 'old');
    }), { numRuns: 300 });
  });

  it('replaying the same events gives the same state', () => {
    fc.assert(fc.property(fleet, plan, fc.array(op, { maxLength: 40 }), (f, p, ops) => {
      const { state, log } = drive(new Map(f), p, ops);
      const replayed = initialRolloutState();
      for (const e of log) evolveRollouts(replayed, e);
      assert.deepEqual(snapshot(replayed), snapshot(state));
    }), { numRuns: 200 });
  });

  it('a failing gate pauses a running rollout, and a paused one takes no step by itself', () => {
    fc.assert(fc.property(fleet, plan, fc.array(op, { maxLength: 40 }), (f, p, ops) => {
      const { state } = drive(new Map(f), p, ops);
      const r = state.open.get(ENV);
      if (!r || r.phase === 'aborting') return;
      // A node counts once: failed when its last compile or its last run since the move failed.
      const counted = new Set([...r.health.keys(), ...r.compileFailures]);
      const failed = [...counted].filter((n) => r.compileFailures.has(n) || r.health.get(n) === true).length;
      const s = nextRolloutStep(r, Number.MAX_SAFE_INTEGER, true);
      if (r.phase === 'paused') assert.equal(s, null);
      else if (counted.size > 0 && failed * 100 > r.plan.gate.maxFailedPercent * counted.size) assert.equal(s?.kind, 'pause');
      else assert.notEqual(s?.kind, 'pause');
    }), { numRuns: 200 });
  });
});
