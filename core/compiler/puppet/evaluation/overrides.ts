import type { CatalogResource } from '../catalog/catalog-resource.js';
import { PuppetError } from '../puppet-error.js';
import type { Loc } from '../syntax/ast.types.js';
import { isArray, type ResourceRef, type Value } from '../types/values.js';
import type { Scope } from './scope.js';

/** An override's attributes; `add`: `+>` appends to the current value. */
export type OverrideValues = readonly { readonly name: string; readonly value: Value; readonly add: boolean }[];

/** Where an override was written: only that scope's class (or a subclass of it) may override. */
interface OverrideSource {
  readonly scope: Scope;
  readonly file: string;
  readonly loc: Loc;
}

/**
 * Resource overrides (`Type['title'] { … }`, and collectors' `{ … }`) of one
 * compile. An override of a resource not declared yet waits until the
 * catalog is finished, as in Puppet, and fails then if it never appeared.
 */
export class Overrides {
  private readonly pending = new Map<string, { readonly ref: ResourceRef; readonly values: OverrideValues; readonly from: OverrideSource }[]>();

  /** `target`: the resource `ref` names, if it is already in the catalog. */
  add(ref: ResourceRef, target: CatalogResource | undefined, values: OverrideValues, from: OverrideSource): void {
    if (target) { this.apply(target, values, from); return; }
    const key = ref.toString();
    const list = this.pending.get(key) ?? [];
    list.push({ ref, values, from });
    this.pending.set(key, list);
  }

  /** Merges an override into a resource (`from` undefined: a collector's, which may override anything). */
  apply(r: CatalogResource, values: OverrideValues, from?: OverrideSource): void {
    if (from && !mayOverride(from.scope, r)) {
      throw new PuppetError('Only subclasses can override parameters', { file: from.file, line: from.loc.line, column: 0 }, 'plain');
    }
    for (const a of values) {
      if (a.add && r.params.has(a.name)) {
        const cur = r.params.get(a.name);
        r.setParam(a.name, [...(isArray(cur) ? cur : [cur]), ...(isArray(a.value) ? a.value : [a.value])]);
      } else r.setParam(a.name, a.value);
    }
  }

  /** Applies the overrides that waited for their resource; `find`: the catalog's resource of a type and title. */
  applyPending(find: (type: string, title: string) => CatalogResource | undefined): void {
    for (const [key, list] of this.pending) {
      const first = list[0]!;
      const r = find(first.ref.type, first.ref.title);
      if (!r) throw new PuppetError(`Could not find resource '${key}' for overriding`, { file: first.from.file, ...first.from.loc }, 'plain');
      for (const o of list) this.apply(r, o.values, o.from);
    }
  }
}

/** Only a subclass (or the declaring scope itself) may change parameters already set. */
function mayOverride(scope: Scope, r: CatalogResource): boolean {
  const owner = r.scope.owner.name;
  for (let s: Scope | undefined = scope.owner; s; s = s.lexical && s.lexical.kind === 'class' ? s.lexical : undefined) {
    if (s.name === owner) return true;
  }
  return false;
}
