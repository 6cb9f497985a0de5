import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestFlag, helpText, parseCommandLine, UsageError, type CommandSpec } from '../../../ops/cli/cli-args.js';
import { defineCommand } from '../../../ops/cli/cli-command.js';
import { serveCommand } from '../../../ops/cli/server/serve.command.js';

const spec = {
  name: 'demo',
  summary: 'a demo',
  usage: '--node NAME [FILE]',
  positional: 'FILE',
  options: {
    node: { type: 'string', value: 'NAME', description: 'the node' },
    environment: { type: 'string', value: 'ENV', description: 'its environment', default: 'production' },
    json: { type: 'boolean', description: 'as JSON' },
  },
} satisfies CommandSpec;

const refused = (argv: string[], message: RegExp) =>
  assert.throws(() => parseCommandLine(spec, argv), (e: unknown) => e instanceof UsageError && message.test(e.message));

describe('parseCommandLine (strict)', () => {
  it('parses declared flags, applies defaults, leaves absent booleans false', () => {
    const { values, positional, help } = parseCommandLine(spec, ['--node', 'web1', 'facts.json', '--json']);
    assert.deepEqual({ ...values }, { node: 'web1', environment: 'production', json: true, help: false });
    assert.equal(positional, 'facts.json');
    assert.equal(help, false);
  });

  it('takes --help and -h', () => {
    assert.equal(parseCommandLine(spec, ['--help']).help, true);
    assert.equal(parseCommandLine(spec, ['-h']).help, true);
  });

  it('refuses unknown flags by name and suggests the nearest', () => {
    refused(['--nod', 'x'], /^unknown option --nod \(did you mean --node\?\)$/);
    refused(['--envrionment=x'], /^unknown option --envrionment \(did you mean --environment\?\)$/);
    refused(['--zzz'], /^unknown option --zzz$/);
    refused(['-x'], /^unknown option -x$/);
  });

  it('refuses missing values, values on booleans and extra arguments', () => {
    refused(['--node'], /^--node needs a value$/);
    refused(['--node', '--json'], /^--node needs a value \(one that starts with '-' is written --node=VALUE\)$/);
    refused(['--json=yes'], /^--json takes no value$/);
    refused(['a', 'b'], /^unexpected argument 'b'/);
    assert.throws(() => parseCommandLine({ ...spec, positional: undefined }, ['a']), /unexpected argument 'a'/);
  });

  it('takes a value that starts with a dash when written with =', () => {
    assert.equal(parseCommandLine(spec, ['--node=-1']).values.node, '-1');
  });
});

describe('closestFlag', () => {
  const serve = Object.keys(serveCommand.spec.options);
  it('finds typos and unambiguous prefixes', () => {
    assert.equal(closestFlag('prot', serve), 'port');
    assert.equal(closestFlag('data', serve), 'data-dir');
    assert.equal(closestFlag('worker', serve), 'workers');
    assert.equal(closestFlag('stomp-u', serve), 'stomp-url');
  });
  it('suggests nothing far away or ambiguous', () => {
    assert.equal(closestFlag('verbose', serve), undefined);
    assert.equal(closestFlag('x', serve), undefined);
    assert.equal(closestFlag('max', serve), undefined);
  });
});

describe('helpText', () => {
  it('shows usage, every option with its placeholder and default, and -h', () => {
    const text = helpText(spec);
    assert.match(text, /^usage: troupe demo --node NAME \[FILE\]\n/);
    assert.match(text, /--node NAME\s+the node\n/);
    assert.match(text, /--environment ENV\s+its environment \(default: production\)\n/);
    assert.match(text, /-h, --help\s+print this help and exit\n/);
  });
});

describe('defineCommand', () => {
  const capture = () => {
    const out = { out: '', err: '' };
    return { out, io: { out: (t: string) => { out.out += t; }, err: (t: string) => { out.err += t; } } };
  };

  it('prints help and does not run', async () => {
    let ran = false;
    const command = defineCommand(spec, async () => { ran = true; return 0; });
    const c = capture();
    assert.equal(await command(['--help'], c.io), 0);
    assert.equal(ran, false);
    assert.match(c.out.out, /usage: troupe demo/);
  });

  it('refuses with exit 2, the command name and where to look', async () => {
    let ran = false;
    const command = defineCommand(spec, async () => { ran = true; return 0; });
    const c = capture();
    assert.equal(await command(['--nod', 'x'], c.io), 2);
    assert.equal(ran, false);
    assert.equal(c.out.err, "troupe demo: unknown option --nod (did you mean --node?)\nrun 'troupe demo --help' for its options\n");
  });

  it('refuses an invalid setting with exit 2, named by its flag', async () => {
    const c = capture();
    assert.equal(await serveCommand(['--workers=-1'], c.io), 2);
    assert.match(c.out.err, /^troupe serve: --workers: expected a whole number ≥ 0, got "-1"\n/);
  });
});
