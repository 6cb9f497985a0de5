import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readRubyType } from '../../../../../core/compiler/puppet/loader/ruby-type-shape.js';

/** One attribute as a type file may write it: parameter or property, one of the literal forms, marked namevar or not. */
const attribute = fc.record({
  kind: fc.constantFrom('newparam', 'newproperty'),
  form: fc.constantFrom('parens', 'block', 'options'),
  mark: fc.constantFrom('option', 'rocket', 'isnamevar'),
});

function write(name: string, a: { kind: string; form: string; mark: string }, namevar: boolean): string {
  const flag = namevar && a.mark === 'option' ? ', namevar: true' : namevar && a.mark === 'rocket' ? ', :namevar => true' : '';
  const body = namevar && a.mark === 'isnamevar' ? "    isnamevar\n" : '';
  if (a.form === 'parens' && !body) return `  ${a.kind}(:${name}${flag})\n`;
  if (a.form === 'options') return `  ${a.kind}(:${name}${flag}, parent: Puppet::Parameter) do\n    desc 'x'\n${body}  end\n`;
  return `  ${a.kind} :${name}${flag} do\n    desc "the ${name}"\n${body}  end\n`;
}

describe('reading a Ruby type', () => {
  it('finds exactly the attributes written and the one namevar, whatever forms they take (commented-out ones ignored)', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/).filter((n) => n !== 'name' && n !== 'ensure'), { minLength: 1, maxLength: 6 }),
      fc.array(attribute, { minLength: 6, maxLength: 6 }), fc.nat(), fc.boolean(), fc.boolean(),
      (names, forms, pick, ensurable, viaName) => {
        // The namevar is either a `name` parameter (a key attribute by its name) or one marked attribute.
        const key = viaName ? 'name' : names[pick % names.length]!;
        const attrs = viaName ? ['name', ...names] : names;
        const src = [
          'Puppet::Type.newtype(:thing) do\n',
          "  @doc = 'A thing.'\n",
          '  # newparam(:commented_out)\n',
          ensurable ? '  ensurable\n' : '',
          ...attrs.map((n, i) => write(n, forms[i % forms.length]!, !viaName && n === key)),
          'end\n',
        ].join('');
        const r = readRubyType('thing', src);
        assert.ok(r.ok, `${src}\n${r.ok ? '' : r.why}`);
        assert.equal(r.shape.namevar, key, src);
        assert.deepEqual([...r.shape.attributes].sort(), [...attrs, ...(ensurable ? ['ensure'] : [])].sort(), src);
      },
    ), { numRuns: 300 });
  });
});
