import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseCommandLine, UsageError } from '../../../ops/cli/cli-args.js';
import { COMMANDS } from '../../../ops/cli/commands.js';

const specs = COMMANDS.map((c) => c.spec);
const flagName = fc.stringMatching(/^[a-z][a-z0-9-]{0,24}$/);

describe('parseCommandLine, for every command', () => {
  it('refuses any undeclared --flag (bare or with a value) and names it', () => {
    fc.assert(fc.property(fc.constantFrom(...specs), flagName, fc.boolean(), (spec, name, withValue) => {
      fc.pre(!(name in spec.options) && name !== 'help');
      const argv = [withValue ? `--${name}=1` : `--${name}`];
      assert.throws(() => parseCommandLine(spec, argv), (e: unknown) =>
        e instanceof UsageError && e.message.startsWith(`unknown option --${name}`));
    }));
  });

  it('gives back every declared flag as it was passed, in any order and either spelling', () => {
    const given = fc.constantFrom(...specs).chain((spec) => fc.tuple(
      fc.constant(spec),
      fc.shuffledSubarray(Object.entries(spec.options)).chain((opts) => fc.tuple(...opts.map(([name, o]) =>
        fc.tuple(fc.constant(name), o.type === 'boolean' ? fc.constant(true) : fc.string(), fc.boolean())))),
    ));
    fc.assert(fc.property(given, ([spec, flags]) => {
      // A value that starts with '-' can only be written --flag=VALUE.
      const argv = flags.flatMap(([name, v, inline]) =>
        v === true ? [`--${name}`] : inline || v.startsWith('-') ? [`--${name}=${v}`] : [`--${name}`, v]);
      const { values, help } = parseCommandLine(spec, argv);
      assert.equal(help, false);
      const multiple = (name: string): boolean => spec.options[name]?.multiple === true;
      for (const [name, v] of flags) assert.deepEqual((values as Record<string, unknown>)[name], multiple(name) ? [v] : v);
      for (const [name, o] of Object.entries(spec.options)) {
        if (!flags.some(([n]) => n === name)) assert.deepEqual((values as Record<string, unknown>)[name], o.type === 'boolean' ? false : o.multiple ? [] : o.default);
      }
    }));
  });
});
