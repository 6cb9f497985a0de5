import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExposition, sampleValue } from './prometheus-text.js';

const HISTOGRAM = [
  '# HELP h_seconds A histogram',
  '# TYPE h_seconds histogram',
  'h_seconds_bucket{le="0.1",route="/a"} 1',
  'h_seconds_bucket{le="+Inf",route="/a"} 2',
  'h_seconds_sum{route="/a"} 0.35',
  'h_seconds_count{route="/a"} 2',
].join('\n');

describe('the test parser of Prometheus text', () => {
  it('reads families, escaped label values, special values and timestamps', () => {
    const m = parseExposition([
      '# HELP c_total Things, with a \\\\ and a \\n in its help',
      '# TYPE c_total counter',
      'c_total{path="a\\"b\\\\c\\nd",x="1",} 3 1700000000000',
      '# a comment',
      '',
      '# TYPE g gauge',
      'g -Inf',
      HISTOGRAM,
      'untyped_thing NaN',
    ].join('\n'));
    assert.equal(m.get('c_total')!.help, 'Things, with a \\ and a \n in its help');
    assert.deepEqual(m.get('c_total')!.samples[0], { name: 'c_total', labels: { path: 'a"b\\c\nd', x: '1' }, value: 3, timestampMs: 1700000000000 });
    assert.equal(sampleValue(m, 'g'), -Infinity);
    assert.equal(sampleValue(m, 'h_seconds_count', { route: '/a' }), 2);
    assert.ok(Number.isNaN(sampleValue(m, 'untyped_thing')));
  });

  it('rejects what Prometheus would', () => {
    const bad: Array<[string, RegExp]> = [
      ['9metric 1', /no metric name/],
      ['m{a="1} 2', /unterminated/],
      ['m{a=1} 2', /expected ="/],
      ['m{a="\\x"} 2', /invalid escape/],
      ['m{a="1"} two', /invalid value/],
      ['m{a="1"}', /expected a value/],
      ['m 1 12.5', /invalid timestamp/],
      ['m{a="1",a="2"} 1', /label a twice/],
      ['m 1\nm 2', /duplicate series/],
      ['# TYPE m counter\n# TYPE m counter\nm 1', /second TYPE/],
      ['# TYPE m bogus', /unknown type/],
      ['m 1\n# TYPE m gauge', /TYPE of m after its samples/],
      ['m{a="1"} 1\nn 1\nm{a="2"} 1', /not together/],
      ['# TYPE c_total counter\nc_total -1', /counter value/],
      [HISTOGRAM.replace('h_seconds_count{route="/a"} 2', 'h_seconds_count{route="/a"} 3'), /≠ _count/],
      [HISTOGRAM.replace('le="+Inf"', 'le="1"'), /no le="\+Inf"/],
      [HISTOGRAM.replace('h_seconds_bucket{le="0.1",route="/a"} 1', 'h_seconds_bucket{le="0.1",route="/a"} 5'), /not cumulative/],
    ];
    for (const [text, why] of bad) assert.throws(() => parseExposition(text), why, text);
  });
});
