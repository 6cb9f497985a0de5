import { CORE_NAMEVARS } from '../../catalog/catalog-resource.js';
import type { Scope } from '../../evaluation/scope.js';
import { PuppetError, UnsupportedError } from '../../puppet-error.js';
import type { Loc, ResourceExpr } from '../../syntax/ast.types.js';
import { isArray, isHash, PType, ResourceRef, toStr, typeNameOf, type Value } from '../../types/values.js';
import { arity } from '../argument-checks.js';
import type { FunctionContext } from '../function-context.js';
import type { PuppetFunction } from '../puppet-function.types.js';

/** Class names from `include`-style arguments: strings, arrays of them, `Class['x']` references. */
function classNames(fn: string, c: FunctionContext, args: readonly Value[], loc: Loc): string[] {
  return c.budget.flat(args, loc).map((a) => {
    if (typeof a === 'string') return a;
    if (a instanceof ResourceRef && a.type === 'Class') return a.title;
    if (a instanceof PType && a.name === 'Class' && typeof a.params[0] === 'string') return a.params[0];
    throw new PuppetError(`'${fn}' expects a value of type String, Class, or Array, got ${typeNameOf(a)}`, undefined);
  });
}

function declare(fn: string, c: FunctionContext, args: readonly Value[], scope: Scope, loc: Loc): ResourceRef[] {
  return c.declareClasses(classNames(fn, c, args, loc), scope, undefined, loc, 'Function Call');
}

function appendParam(scope: Scope, param: string, refs: ResourceRef[]): void {
  const holder = scope.owner.resource;
  if (!holder) return;
  const cur = holder.params.get(param);
  holder.params.set(param, [...(cur === undefined ? [] : isArray(cur) ? cur : [cur]), ...refs]);
}

/**
 * A resource `create_resources` makes from a title that is no String
 * (`{ 80 => {} }`): Puppet sets its `name` to the title's string and keeps
 * it in the catalog, and does not tag the resource with the title. Types
 * whose namevar is not `name` are left to Puppet.
 */
function declareWithName(
  c: FunctionContext, type: string, title: string, attrs: { name: string; value: Value }[], scope: Scope, form: ResourceExpr['form'], loc: Loc,
): void {
  if ((CORE_NAMEVARS[type] ?? c.code.rubyTypeShape(type)?.namevar ?? 'name') !== 'name') {
    throw new UnsupportedError(`create_resources of a ${type} titled by ${title}, which is no String`, undefined);
  }
  const ref = c.declare(type, title, attrs.some((a) => a.name === 'name') ? attrs : [...attrs, { name: 'name', value: title }], scope, form, loc, 'Function Call', false);
  const r = c.find(ref.type, ref.title);
  if (r) r.keepsName = true;
}

/** Functions that change the catalog: class declaration, realize, tags, `defined`, `create_resources`. */
export const CATALOG_FUNCTIONS: Record<string, PuppetFunction> = {
  // Each answers the classes it declared (`include(a, b) -> Notify[c]`).
  include: (c, args, scope, loc) => declare('include', c, args, scope, loc),
  require: (c, args, scope, loc) => {
    const refs = declare('require', c, args, scope, loc);
    appendParam(scope, 'require', refs);
    return refs;
  },
  contain: (c, args, scope, loc) => {
    const refs = declare('contain', c, args, scope, loc);
    for (const r of refs) c.contain(scope, r);
    return refs;
  },
  realize: (c, args, _scope, loc) => {
    const refs = c.budget.flat(args, loc).filter((r): r is ResourceRef => r instanceof ResourceRef);
    c.realize(refs, loc);
    return undefined;
  },
  tag: (c, args, scope, loc) => { scope.owner.resource?.tag(...c.budget.flat(args, loc).map(toStr)); return undefined; },
  tagged: (c, args, scope, loc) => {
    const r = scope.owner.resource;
    return c.budget.flat(args, loc).map(toStr).every((t) => c.graph.classes.includes(t.toLowerCase()) || (r?.tagged(t) ?? false));
  },
  defined: (c, args, scope) => args.some((a) => c.isDefined(a, scope)),
  create_resources: (c, args, scope, loc) => {
    arity('create_resources', args, 2, 3);
    const [type, instances, defaults] = args;
    if (!isHash(instances)) throw new PuppetError(`'create_resources' parameter 'instances' expects a Hash value, got ${typeNameOf(instances)}`, undefined);
    const dflt = isHash(defaults) ? [...defaults] : [];
    for (const [title, attrs] of instances) {
      const given = isHash(attrs) ? [...attrs] : [];
      const merged = [...given, ...dflt.filter(([k]) => !given.some(([g]) => g === k))].map(([name, value]) => ({ name: String(name), value }));
      const t = toStr(type).replace(/^@+/, '').toLowerCase();
      const form = toStr(type).startsWith('@@') ? 'exported' : toStr(type).startsWith('@') ? 'virtual' : 'regular';
      if (t === 'class') c.declareClasses([toStr(title)], scope, merged, loc, 'Function Call');
      else if (typeof title === 'string') c.declare(t, title, merged, scope, form, loc, 'Function Call');
      else declareWithName(c, t, toStr(title), merged, scope, form, loc);
    }
    return undefined;
  },
};
