import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempEnvironments, writeSite } from './puppet-env.fixture.js';

/** Writes module `name` into `<codeDir>/modules/` (`files` maps paths inside the module to their text). */
export function writeModule(codeDir: string, name: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    const full = join(codeDir, 'modules', name, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

/**
 * A throwaway environment with one module `demo` that has what agents
 * fetch: `lib/facter/x.rb` (pluginsync), `facts.d/y.txt` (external facts),
 * `files/` (`puppet:///modules/demo/…` sources). Returns the environment
 * directory (Troupe's `codeDir`) and its parent (remove it with `rmSync`).
 */
export function demoModuleEnvironment(sitePp: string, files: Record<string, string> = {}): { root: string; codeDir: string } {
  const root = tempEnvironments('v3');
  const codeDir = writeSite(root, 'production', sitePp);
  writeModule(codeDir, 'demo', {
    'manifests/init.pp': "class demo {\n  file { '/tmp/demo.txt': source => 'puppet:///modules/demo/demo.txt' }\n}\n",
    'lib/facter/x.rb': 'Facter.add(:demo_x) { setcode { "x" } }\n',
    'facts.d/y.txt': 'demo_y=y\n',
    'files/demo.txt': 'hello from demo\n',
    ...files,
  });
  return { root, codeDir };
}

/**
 * A throwaway environment whose module `mymod` has Ruby plugins only real
 * Puppet runs: functions `mymod::double` (×2) and `mymod::nap` (sleeps that
 * many seconds, for deadlines), and type `widget` (namevar `name`,
 * parameter `size`). Returns the environment directory and its parent.
 */
export function rubyModuleEnvironment(sitePp: string): { root: string; codeDir: string } {
  const root = tempEnvironments('ruby');
  const codeDir = writeSite(root, 'production', sitePp);
  const rubyFunction = (name: string, type: string, body: string): string =>
    `Puppet::Functions.create_function(:'mymod::${name}') do\n  dispatch :${name} do\n    param '${type}', :x\n  end\n\n  def ${name}(x)\n    ${body}\n  end\nend\n`;
  writeModule(codeDir, 'mymod', {
    'lib/puppet/functions/mymod/double.rb': rubyFunction('double', 'Integer', 'x * 2'),
    'lib/puppet/functions/mymod/nap.rb': rubyFunction('nap', 'Numeric', 'sleep(x)\n    x'),
    // Title patterns: Ruby the built-in does not run, so `--compiler auto` needs Puppet for this type.
    'lib/puppet/type/widget.rb': "Puppet::Type.newtype(:widget) do\n  @doc = 'A widget.'\n  def self.title_patterns\n    [[/(.*)/m, [[:name]]]]\n  end\n  newparam(:name, namevar: true) { desc 'Its name.' }\n  newparam(:size) { desc 'How big.' }\nend\n",
    'manifests/thing.pp': 'define mymod::thing(Integer $port = 1) { }\n',
  });
  return { root, codeDir };
}
