import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ValidationError } from '../../../core/errors/troupe-error.js';
import { classPriority, parsePriorityClasses, PRIORITY_CLASSES, selects } from '../../../core/priority/priority-classes.js';

describe('priority classes', () => {
  it('reads the text form and the config-file form alike', () => {
    const text = parsePriorityClasses('critical:role=db, db*.example.com;high:web-?');
    const object = parsePriorityClasses({ critical: ['role=db', 'db*.example.com'], high: ['web-?'] });
    assert.deepEqual(text.map((r) => [r.className, r.priority, r.text]), [['critical', 9, 'role=db'], ['critical', 9, 'db*.example.com'], ['high', 6, 'web-?']]);
    assert.deepEqual(object.map((r) => [r.className, r.text]), text.map((r) => [r.className, r.text]));
    assert.deepEqual(parsePriorityClasses(''), []);
  });

  it('refuses what it cannot read, naming the class', () => {
    for (const [spec, message] of [
      ['urgent:role=db', /unknown priority class 'urgent'/],
      ['critical', /class:selector/],
      ['critical:db/1', /neither a certname glob/],
      ['critical:os..family=x', /not a fact path/],
      ['critical:role=', /compares role with nothing/],
      [{ critical: 'role=db' }, /critical: expected a list/],
      [['role=db'], /expected an object/],
    ] as const) {
      assert.throws(() => parsePriorityClasses(spec), (e: unknown) => e instanceof ValidationError && message.test(e.message), String(spec));
    }
  });

  it('matches certname globs and (nested) fact equality as text', () => {
    const [glob, fact, nested] = parsePriorityClasses('critical:db*.example.com,role=db,os.family=Debian').map((r) => r.selector);
    assert.ok(selects(glob!, 'db01.example.com', undefined));
    assert.ok(!selects(glob!, 'db01.exampleXcom', undefined), 'a dot is a dot');
    assert.ok(!selects(glob!, 'web.db1.example.com', undefined), 'anchored');
    assert.ok(selects(fact!, 'x', { role: 'db' }));
    assert.ok(!selects(fact!, 'x', undefined));
    assert.ok(!selects(fact!, 'x', { role: ['db'] }));
    assert.ok(selects(nested!, 'x', { os: { family: 'Debian' } }));
    assert.ok(selects(parsePriorityClasses('high:cores=4')[0]!.selector, 'x', { cores: 4 }));
  });

  it('a node gets the highest class that selects it, else 0', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('critical', 'high'), name), { maxLength: 6 }), name, fc.constantFrom('db', 'web'), (rules, certname, role) => {
      const spec = rules.map(([c, glob]) => `${c}:${glob}`).join(';') + (role === 'db' ? '' : ';high:role=web');
      const parsed = parsePriorityClasses(spec);
      const expected = Math.max(0, ...rules.filter(([, g]) => g === certname).map(([c]) => PRIORITY_CLASSES[c]), role === 'web' ? PRIORITY_CLASSES.high : 0);
      assert.equal(classPriority(parsed, certname, { role }), expected);
    }));
  });
});
