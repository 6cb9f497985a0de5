import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { readRubyType } from '../../../../../core/compiler/puppet/loader/ruby-type-shape.js';
import { CORPUS_MODULES_DIR } from '../../../../support/compiler-corpus.fixture.js';

const shape = (src: string, name = 'thing') => {
  const r = readRubyType(name, src);
  return r.ok ? { namevar: r.shape.namevar, attributes: [...r.shape.attributes].sort() } : { why: r.why };
};

describe("reading a module's Ruby type (attributes and namevar, without running Ruby)", () => {
  it('reads the forms types write their attributes in', () => {
    assert.deepEqual(shape("Puppet::Type.newtype(:thing) do\n  ensurable\n  newparam :name do\n  end\n  newproperty(:size)\nend\n"),
      { namevar: 'name', attributes: ['ensure', 'name', 'size'] });
    assert.deepEqual(shape("Puppet::Type.newtype(:thing) do\n  newparam(:path, :namevar => true)\n  newparam(:mode, parent: Puppet::Type::File::Mode)\nend\n"),
      { namevar: 'path', attributes: ['mode', 'path'] });
    assert.deepEqual(shape("Puppet::Type.newtype(:thing) do\n  newparam(:id) do\n    desc 'x'\n    isnamevar\n  end\n  newparam(:other)\nend\n"),
      { namevar: 'id', attributes: ['id', 'other'] });
  });

  it('refuses what it cannot read exactly: title patterns, computed names, several key attributes, another type', () => {
    assert.deepEqual(shape("Puppet::Type.newtype(:thing) do\n  def self.title_patterns\n    []\n  end\n  newparam(:name)\nend\n"), { why: 'it has title patterns' });
    assert.deepEqual(shape("Puppet::Type.newtype(:thing) do\n  newparam(:name)\n  [:a, :b].each { |p| newparam(p) }\nend\n"), { why: 'an attribute has a computed name' });
    assert.deepEqual(shape("Puppet::Type.newtype(:thing) do\n  newparam(:name)\n  newparam(:path, namevar: true)\nend\n"), { why: 'it has 2 key attributes' });
    assert.deepEqual(shape("Puppet::Type.newtype(:other) do\n  newparam(:name)\nend\n"), { why: 'no Puppet::Type.newtype(:thing)' });
    assert.deepEqual(shape("Puppet::Type.newtype(:thing) do\n  newparam(:size)\nend\n"), { why: 'it has no namevar' });
    assert.deepEqual(shape("Puppet::Type.newtype(:thing) do\n  newparam(:name)\n  def self.isomorphic?\n    false\n  end\nend\n"), { why: 'it defines its own uniqueness' });
  });

  it("reads every Ruby type of the vendored Forge modules, with Puppet's namevars", () => {
    const namevars: Record<string, string> = {};
    for (const m of readdirSync(CORPUS_MODULES_DIR)) {
      const dir = join(CORPUS_MODULES_DIR, m, 'lib/puppet/type');
      let files: string[];
      try { files = readdirSync(dir); } catch { continue; }
      for (const f of files) {
        const r = readRubyType(basename(f, '.rb'), readFileSync(join(dir, f), 'utf8'));
        namevars[basename(f, '.rb')] = r.ok ? r.shape.namevar : r.why;
      }
    }
    assert.equal(Object.keys(namevars).length, 21);
    assert.deepEqual([namevars['concat_file'], namevars['apt_key'], namevars['mysql_datadir'], namevars['anchor'], namevars['file_line']], ['path', 'id', 'datadir', 'name', 'name']);
    assert.deepEqual(Object.entries(namevars).filter(([, v]) => !/^[a-z_]+$/.test(v)), [], 'every type read');
  });
});
