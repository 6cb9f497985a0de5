/**
 * What a compile needs of a resource type a module writes in Ruby
 * (`<module>/lib/puppet/type/<name>.rb`), read from its source without
 * running it: the attribute names Puppet accepts and the namevar. A compile
 * checks attribute names against the type (`no parameter named 'x'`) and
 * `catalog.to_data_hash` leaves out the namevar where it equals the title
 * (`concat_file { '/etc/motd': }` has no `path` parameter). Everything else a
 * Ruby type does (validation, munging, providers, autorequires) happens on
 * the agent, not in the catalog.
 *
 * The reading is deliberately narrow: a file it does not fully understand is
 * not read at all (`ok: false` with why: title patterns, computed attribute
 * names, metaparameters, its own uniqueness rules, several key attributes),
 * and the type stays one only real Puppet compiles (`--compiler auto` sends
 * it there).
 */
export interface RubyTypeShape {
  /** Parameters and properties (`ensure` for an `ensurable` type); the metaparameters come on top. */
  readonly attributes: ReadonlySet<string>;
  /** The one key attribute: a `namevar: true`/`isnamevar` parameter, or `name`. */
  readonly namevar: string;
}

export type RubyTypeReading = { readonly ok: true; readonly shape: RubyTypeShape } | { readonly ok: false; readonly why: string };

/** `newparam(:x, …)`, `newparam :x do`, `newproperty(:x)`: the literal-symbol forms. */
const ATTRIBUTE = /\bnew(param|property)\b\s*\(?\s*:([a-z_][a-z0-9_]*)([^\n]*)/g;
/** Any `newparam`/`newproperty` call: with a computed name when not matched by ATTRIBUTE too. */
const ANY_ATTRIBUTE = /\bnew(?:param|property)\b/g;

/** Reads the shape of type `name` from its Ruby source. */
export function readRubyType(name: string, src: string): RubyTypeReading {
  const code = src.replace(/^\s*#.*$/gm, '');
  if (!new RegExp(`Puppet::Type\\.newtype\\(\\s*:${name}\\b`).test(code)) return { ok: false, why: `no Puppet::Type.newtype(:${name})` };
  // A title pattern maps titles onto attributes: Ruby code a reading cannot run.
  if (/\btitle_patterns\b/.test(code)) return { ok: false, why: 'it has title patterns' };
  if (/\bnewmetaparam\b/.test(code)) return { ok: false, why: 'it defines a metaparameter' };
  // Uniqueness by other rules than the namevar: the catalog's aliasing would differ.
  if (/\b(?:isomorphic|key_attributes)\b/.test(code)) return { ok: false, why: 'it defines its own uniqueness' };
  const found = [...code.matchAll(ATTRIBUTE)];
  if (found.length !== [...code.matchAll(ANY_ATTRIBUTE)].length) return { ok: false, why: 'an attribute has a computed name' };
  const attributes = new Set<string>();
  const keys: string[] = [];
  found.forEach((m, i) => {
    const attr = m[2]!;
    attributes.add(attr);
    // Its definition runs to the next attribute's: `isnamevar` there marks it too.
    const body = code.slice(m.index, found[i + 1]?.index ?? code.length);
    if (attr === 'name' || /namevar\s*(?::|=>)\s*true/.test(m[3]!) || /\bisnamevar\b/.test(body)) keys.push(attr);
  });
  if (/^\s*ensurable\b/m.test(code)) attributes.add('ensure');
  const unique = [...new Set(keys)];
  // Several key attributes need title patterns (Puppet refuses the type without them).
  if (unique.length !== 1) return { ok: false, why: unique.length === 0 ? 'it has no namevar' : `it has ${unique.length} key attributes` };
  return { ok: true, shape: { attributes, namevar: unique[0]! } };
}
