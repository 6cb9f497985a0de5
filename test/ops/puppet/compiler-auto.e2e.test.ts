import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { packageRoot } from '../../../ops/config/package-root.js';
import { relativise } from '../../support/compiler-corpus.fixture.js';
import { eventually } from '../../support/eventually.js';
import { writeSite } from '../../support/puppet/puppet-env.fixture.js';
import { rubyModuleEnvironment } from '../../support/puppet/puppet-module.fixture.js';
import { spawnServe, type ServeProcess } from '../../support/servers/serve-process.js';
import { runTroupe } from '../../support/servers/troupe-cli.js';

// `production` uses module mymod's Ruby function and Ruby type; `pure` is plain Puppet.
const RUBY_SITE = `node default {
  notify { 'double': message => "double is \${mymod::double(21)}" }
  widget { 'w1': size => mymod::double(2) }
}
`;
const PURE_SITE = "node default { notify { 'pure': message => \"on ${facts['role']}\" } }\n";
// The built-in is known to differ here (docs/compiler.md, "Known differences": Puppet's \$settings:: variables are not modelled).
const DRIFT_SITE = "notify { 'settings': message => \"environment ${settings::environment}\" }\n";
const FACTS = { role: 'web' };

/** What ops/scripts/puppet-reference.rb (real Puppet, in one fresh process) compiles for the node. */
function reference(root: string, environment: string, certname: string): Record<string, unknown> {
  const facts = join(root, 'facts.json');
  writeFileSync(facts, JSON.stringify(FACTS));
  const r = spawnSync('ruby', [join(packageRoot(), 'ops/scripts/puppet-reference.rb'), root, environment, certname, facts], { encoding: 'utf8' });
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  delete out['version']; delete out['catalog_uuid']; delete out['code_id'];
  return out;
}

type Catalog = Record<string, unknown> & { resources: { type: string; parameters?: Record<string, unknown> }[] };

async function catalogOf(serve: ServeProcess, certname: string, environment: string): Promise<Catalog> {
  const res = await fetch(`${serve.url}/puppet/v4/catalog`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ certname, environment, facts: { values: FACTS } }),
  });
  const body = (await res.json()) as { catalog: Catalog };
  assert.equal(res.status, 200, JSON.stringify(body));
  return body.catalog;
}

/** The catalog as the reference script prints it: paths relative to the environment, per-compile fields gone. */
function comparable(catalog: Catalog, envDir: string): Record<string, unknown> {
  const { version: _v, catalog_uuid: _u, code_id: _c, ...rest } = catalog;
  return relativise(rest, envDir);
}

interface AutoStatus {
  compiler: string;
  backend: {
    environments: Record<string, { backend: string; reason: string; codeId: string }>;
    compiles: Record<string, { compiled: number; failed: number }>;
    puppet: string;
    verify?: { sampled: number; identical: number; drifted: number; dropped: number };
  }[];
}

async function stop(serve: ServeProcess): Promise<void> {
  serve.child.kill('SIGTERM');
  const killed = setTimeout(() => serve.child.kill('SIGKILL'), 10_000);
  await serve.exited;
  clearTimeout(killed);
}

describe('troupe serve --compiler auto and --compiler puppet on a site with a Ruby function and a Ruby type', () => {
  const { root, codeDir } = rubyModuleEnvironment(RUBY_SITE);
  const pureDir = writeSite(root, 'pure', PURE_SITE);
  writeSite(root, 'drift', DRIFT_SITE);
  after(() => rmSync(root, { recursive: true, force: true }));
  const serveWith = (compiler: string, data: string, ...more: string[]) => spawnServe([
    '--data-dir', join(root, data), '--environments-dir', root, '--compiler', compiler, '--workers', '1', '--puppet-processes', '1', ...more,
  ]);

  it('--compiler puppet: the catalog is real Puppet\'s', async () => {
    const serve = await serveWith('puppet', 'data-puppet');
    try {
      const catalog = await catalogOf(serve, 'web1.example.com', 'production');
      assert.deepEqual(comparable(catalog, codeDir), reference(root, 'production', 'web1.example.com'));
      assert.deepEqual(catalog.resources.find((r) => r.type === 'Widget')?.parameters, { size: 4 });
      const status = ((await (await fetch(`${serve.url}/status`)).json()) as { compile: { compiler: string } }).compile;
      assert.equal(status.compiler, 'puppet');
    } finally {
      await stop(serve);
    }
    const events = await runTroupe(['events', '--node', 'web1.example.com', '--data-dir', join(root, 'data-puppet')]);
    assert.match(events.stdout, /catalog_compiled .* by puppet, /, 'a configured backend has no auto reason');
  });

  it('--compiler auto: Puppet compiles the Ruby environment, the built-in the pure one; /status, events and the shadow check say so', async () => {
    const serve = await serveWith('auto', 'data-auto', '--verify-sample', '1');
    try {
      const ruby = await catalogOf(serve, 'web1.example.com', 'production');
      assert.deepEqual(comparable(ruby, codeDir), reference(root, 'production', 'web1.example.com'));
      const pure = await catalogOf(serve, 'db1.example.com', 'pure');
      assert.deepEqual(comparable(pure, pureDir), reference(root, 'pure', 'db1.example.com'));

      await catalogOf(serve, 'drift1.example.com', 'drift');

      let status: AutoStatus | undefined;
      // Workers report once a second; the shadow checks of the builtin nodes run after their answers.
      await eventually(async () => {
        status = ((await (await fetch(`${serve.url}/status`)).json()) as { compile: AutoStatus }).compile;
        const v = status.backend[0]?.verify;
        return v !== undefined && v.identical + v.drifted === 2;
      }, 30_000, 'the shadow checks in /status');
      const auto = status!.backend[0]!;
      assert.equal(status!.compiler, 'auto');
      assert.equal(auto.environments['production']?.backend, 'puppet');
      assert.match(auto.environments['production']!.reason, /^uses Ruby function mymod::double \(modules\/mymod\/lib\/puppet\/functions\/mymod\/double\.rb\), Ruby type widget/);
      assert.deepEqual([auto.environments['pure']?.backend, auto.environments['pure']?.reason], ['builtin', 'pure Puppet code']);
      assert.deepEqual(auto.compiles, { builtin: { compiled: 2, failed: 0 }, puppet: { compiled: 1, failed: 0 } });
      assert.equal(auto.puppet, 'available');
      assert.deepEqual([auto.verify!.sampled, auto.verify!.identical, auto.verify!.drifted, auto.verify!.dropped], [2, 1, 1, 0]);
    } finally {
      await stop(serve);
    }
    const events = async (node: string): Promise<string> => {
      const r = await runTroupe(['events', '--node', node, '--data-dir', join(root, 'data-auto')]);
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    assert.match(await events('web1.example.com'), /catalog_compiled .* by puppet \(auto: uses Ruby function mymod::double/);
    const pureEvents = await events('db1.example.com');
    assert.match(pureEvents, /catalog_compiled .* by builtin \(auto: pure Puppet code\)/);
    assert.doesNotMatch(pureEvents, /compile_drift/, 'the built-in matched Puppet: no drift');
    assert.match(await events('drift1.example.com'),
      /catalog_compiled .* by builtin[^\n]*\n.*compile_drift +catalog [0-9a-f]{8}, environment drift: builtin differs from puppet in \d+ places?: differs Notify\[settings\]: expected .*"message":"environment production".* got /);
  });

  it('--compiler auto without ruby: the pure environment compiles with the built-in, the Ruby one fails saying why', async () => {
    const noRuby = join(root, 'no-ruby-path');
    mkdirSync(noRuby, { recursive: true });
    const serve = await spawnServe(['--data-dir', join(root, 'data-noruby'), '--environments-dir', root, '--workers', '0'], { PATH: noRuby, TROUPE_CONFIG: '' });
    try {
      const pure = await catalogOf(serve, 'db1.example.com', 'pure');
      assert.ok(pure.resources.some((r) => r.type === 'Notify'));
      const res = await fetch(`${serve.url}/puppet/v4/catalog`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ certname: 'web1.example.com', environment: 'production', facts: { values: FACTS } }),
      });
      const text = await res.text();
      assert.notEqual(res.status, 200, 'never a builtin catalog for an environment that needs Puppet');
      assert.match(text, /environment 'production' needs real Puppet \(uses Ruby function mymod::double .*\), which cannot run here: the puppet compiler needs ruby with Puppet 7 \(ruby\): spawn ruby ENOENT/);
      const status = ((await (await fetch(`${serve.url}/status`)).json()) as { compile: { compiler: string; backend: AutoStatus['backend'][number] } }).compile;
      assert.equal(status.compiler, 'auto');
      assert.equal(status.backend.puppet, 'unavailable: the puppet compiler needs ruby with Puppet 7 (ruby): spawn ruby ENOENT');
      assert.deepEqual(status.backend.compiles, { builtin: { compiled: 1, failed: 0 }, puppet: { compiled: 0, failed: 1 } });
    } finally {
      await stop(serve);
    }
  });
});
