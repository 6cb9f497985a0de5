import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createBuiltinCompiler, type BuiltinCompilerOptions } from '../../../../../core/compiler/builtin.compiler.js';
import { NO_EXPORTED_RESOURCES } from '../../../../../core/compiler/catalog-compiler.js';
import { implementsModuleFunction } from '../../../../../core/compiler/puppet/functions/module-function-registry.js';
import { CORPUS_MODULES_DIR } from '../../../../support/compiler-corpus.fixture.js';

const STDLIB = join(CORPUS_MODULES_DIR, 'stdlib');

/** An environment directory with this site manifest and, optionally, an environment.conf. */
function environment(site: string, conf?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-modfn-'));
  mkdirSync(join(dir, 'manifests'));
  mkdirSync(join(dir, 'modules'));
  writeFileSync(join(dir, 'manifests', 'site.pp'), site);
  if (conf !== undefined) writeFileSync(join(dir, 'environment.conf'), conf);
  return dir;
}

/** A basemodulepath directory holding the vendored stdlib. */
function basemodulepath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-base-'));
  symlinkSync(STDLIB, join(dir, 'stdlib'));
  return dir;
}

async function compile(options: BuiltinCompilerOptions) {
  const r = await createBuiltinCompiler({ checkIntervalMs: 0, ...options }).compile({
    certname: 'n1.example.com', environment: 'production', facts: {}, exported: NO_EXPORTED_RESOURCES, catalogUuid: 'u',
  });
  return r;
}

const message = (r: Awaited<ReturnType<typeof compile>>, title: string): unknown => {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value.resources.find((x) => x.type === 'Notify' && x.title === title)?.parameters?.['message'];
};

const PICK = "notify { 'p': message => pick(undef, '', 'x') }\n";

describe('module Ruby functions in the builtin compiler', () => {
  it('stays an unknown function without a module that provides it', async () => {
    const r = await compile({ codeDir: environment(PICK) });
    assert.ok(!r.ok);
    assert.match(r.error.message, /Unknown function: 'pick'\./);
  });

  it('runs the native implementation when stdlib is on the basemodulepath', async () => {
    assert.equal(message(await compile({ codeDir: environment(PICK), basemodulepath: [basemodulepath()] }), 'p'), 'x');
  });

  it('runs it when stdlib is one of the environment\'s own modules', async () => {
    const dir = environment(PICK);
    symlinkSync(STDLIB, join(dir, 'modules', 'stdlib'));
    assert.equal(message(await compile({ codeDir: dir }), 'p'), 'x');
  });

  it('honours a modulepath that leaves out $basemodulepath', async () => {
    const r = await compile({ codeDir: environment(PICK, 'modulepath = modules\n'), basemodulepath: [basemodulepath()] });
    assert.ok(!r.ok);
    assert.match(r.error.message, /Unknown function: 'pick'\./);
    const withBase = await compile({ codeDir: environment(PICK, 'modulepath = modules:$basemodulepath\n'), basemodulepath: [basemodulepath()] });
    assert.equal(message(withBase, 'p'), 'x');
  });

  it('names the module when a Ruby function has no native implementation', async () => {
    const dir = environment("notify { 'p': message => mymod::secret(1) }\n");
    mkdirSync(join(dir, 'modules', 'mymod', 'lib', 'puppet', 'functions', 'mymod'), { recursive: true });
    writeFileSync(join(dir, 'modules', 'mymod', 'lib', 'puppet', 'functions', 'mymod', 'secret.rb'), 'Puppet::Functions.create_function(:"mymod::secret") {}\n');
    const r = await compile({ codeDir: dir });
    assert.ok(!r.ok);
    assert.match(r.error.message, /Function 'mymod::secret' is written in Ruby \(module mymod\) and the builtin compiler has no native implementation of it/);
  });

  it('does not run stdlib\'s implementation for another module\'s function of the same name', async () => {
    const dir = environment(PICK);
    mkdirSync(join(dir, 'modules', 'other', 'lib', 'puppet', 'parser', 'functions'), { recursive: true });
    writeFileSync(join(dir, 'modules', 'other', 'lib', 'puppet', 'parser', 'functions', 'pick.rb'), '# not stdlib\n');
    const r = await compile({ codeDir: dir });
    assert.ok(!r.ok);
    assert.match(r.error.message, /written in Ruby \(module other\)/);
  });

  it('sees a module added to the basemodulepath as a new code version', async () => {
    const base = mkdtempSync(join(tmpdir(), 'troupe-base-'));
    const compiler = createBuiltinCompiler({ codeDir: environment(PICK), basemodulepath: [base], checkIntervalMs: 0 });
    const before = await compiler.codeId('production');
    symlinkSync(STDLIB, join(base, 'stdlib'));
    utimesSync(base, new Date(), new Date());
    assert.notEqual(await compiler.codeId('production'), before);
  });

  it('answers which module functions it implements', () => {
    assert.equal(implementsModuleFunction('stdlib', 'pick'), true);
    assert.equal(implementsModuleFunction('stdlib', 'validate_legacy'), true);
    assert.equal(implementsModuleFunction('stdlib', 'stdlib::start_with'), true);
    assert.equal(implementsModuleFunction('stdlib', 'pw_hash'), false);
    assert.equal(implementsModuleFunction('stdlib', 'keys'), false, 'Puppet 7 ships keys itself');
    assert.equal(implementsModuleFunction('mysql', 'pick'), false);
    assert.equal(implementsModuleFunction('stdlib', 'toString'), false);
    assert.equal(implementsModuleFunction('constructor', 'name'), false);
  });
});
