import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRolloutPlan } from '../../../core/rollout/rollout-plan.js';
import { decodeDeploymentRequest } from '../../../core/wire/deployment-request.decoder.js';

describe('parseRolloutPlan', () => {
  it('reads counts, percentages, fact selectors and rest, with a pace and a gate', () => {
    const p = parseRolloutPlan({ waves: '1, 10%,datacenter=dc1, rest', pace: '2h', gate: 'failed <= 5%' });
    assert.ok(p.ok);
    assert.deepEqual(p.value.waves.map((w) => w.kind), ['count', 'percent', 'selector', 'rest']);
    assert.deepEqual(p.value.waves[2], { kind: 'selector', text: 'datacenter=dc1', condition: ['=', 'facts.datacenter', 'dc1'] });
    assert.equal(p.value.paceMs, 7_200_000);
    assert.deepEqual(p.value.gate, { maxFailedPercent: 5 });
  });

  it("adds the last wave, 'rest', and the defaults (pace 1h, gate failed<=5%)", () => {
    const p = parseRolloutPlan({ waves: '1%' });
    assert.ok(p.ok);
    assert.deepEqual(p.value, { waves: [{ kind: 'percent', percent: 1 }, { kind: 'rest' }], paceMs: 3_600_000, gate: { maxFailedPercent: 5 } });
  });

  for (const [text, field, reason] of [
    [{ waves: '' }, 'waves', /empty wave/],
    [{ waves: '1%,,rest' }, 'waves', /empty wave/],
    [{ waves: 'rest,1%' }, 'waves', /only be the last/],
    [{ waves: '0%' }, 'waves', /above 0/],
    [{ waves: '150%' }, 'waves', /at most 100/],
    [{ waves: '0' }, 'waves', /at least 1/],
    [{ waves: 'canary' }, 'waves', /not a wave/],
    [{ waves: 'os.family~(' }, '-F', /bad regular expression/],
    [{ waves: Array.from({ length: 20 }, () => '1').join(',') }, 'waves', /at most 20 waves/],
    [{ waves: '1', pace: 'soon' }, 'pace', /not a duration/],
    [{ waves: '1', pace: '31d' }, 'pace', /30 days/],
    [{ waves: '1', gate: 'failed<5%' }, 'gate', /not a gate/],
    [{ waves: '1', gate: 'failed<=101%' }, 'gate', /at most 100/],
  ] as const) {
    it(`refuses ${JSON.stringify(text)} naming ${field}`, () => {
      const p = parseRolloutPlan(text);
      assert.ok(!p.ok);
      assert.equal(p.error.path, field);
      assert.match(p.error.message, reason);
    });
  }
});

describe('decodeDeploymentRequest with waves', () => {
  it('is a staged deployment with its plan and code directory', () => {
    const d = decodeDeploymentRequest({ environment: 'production', waves: '1,rest', pace: '1s', codeDir: '/srv/code/v2' });
    assert.ok(d.ok);
    assert.equal(d.value.staged?.codeDir, '/srv/code/v2');
    assert.equal(d.value.staged?.plan.paceMs, 1000);
  });

  for (const [body, reason] of [
    [{ waves: '1,rest' }, /codeDir: a staged deployment needs/],
    [{ waves: '1,rest', codeDir: 'relative/dir' }, /absolute path/],
    [{ waves: 'nonsense', codeDir: '/x' }, /waves: 'nonsense' is not a wave/],
    [{ pace: '1h' }, /pace: only with waves/],
    [{ waves: '1', codeDir: '/x', select: ['=', 'facts.a', 'b'] }, /select: a staged deployment/],
    [{ waves: '1', codeDir: '/x', codeId: 'abc' }, /codeId: a staged deployment/],
  ] as const) {
    it(`refuses ${JSON.stringify(body)}`, () => {
      const d = decodeDeploymentRequest(body);
      assert.ok(!d.ok);
      assert.match(d.error.message, reason);
    });
  }
});
