import { PuppetError } from '../../puppet-error.js';
import { isTimeData } from '../../types/time-data.js';
import { DEFAULT, isArray, isFloat, isHash, isInteger, numberOf, PType, ResourceRef, toFloat, typeNameOf, type Value } from '../../types/values.js';

/** `type()`'s inference modes: Puppet's TypeCalculator `infer_set`, reduced to common types, or generalized (no ranges). */
export type InferenceMode = 'detailed' | 'reduced' | 'generalized';

const NUMERIC = new Set(['Integer', 'Float', 'Numeric']);
const SCALAR_DATA = new Set(['String', 'Enum', 'Pattern', 'Integer', 'Float', 'Numeric', 'Boolean', 'ScalarData']);
const DATA = new Set([...SCALAR_DATA, 'Undef', 'Array', 'Hash', 'Tuple', 'Struct', 'Data']);

/** The type `type(v, mode)` answers (`Integer[1, 1]`, `Tuple[String, Float[3.14, 3.14]]`, `Array[Numeric]`). */
export function inferType(v: Value, mode: InferenceMode): PType {
  if (isInteger(v)) return mode === 'generalized' ? new PType('Integer') : new PType('Integer', [v, v]);
  if (isFloat(v)) return mode === 'generalized' ? new PType('Float') : new PType('Float', [v, v]);
  if (typeof v === 'boolean') return mode === 'generalized' ? new PType('Boolean') : new PType('Boolean', [v]);
  if (v instanceof RegExp) return new PType('Regexp', [v]);
  if (v instanceof PType || v instanceof ResourceRef) return new PType('Type', [v]);
  if (v === DEFAULT) return new PType('Default');
  // A time value's own range, which Puppet shows as the one value (so it is the lower bound here).
  if (isTimeData(v)) return mode === 'generalized' ? new PType(typeNameOf(v)) : new PType(typeNameOf(v), [v.toString()]);
  if (isArray(v)) return inferArray(v, mode);
  if (isHash(v)) return inferHash(v, mode);
  return new PType(typeNameOf(v));
}

function inferArray(a: readonly Value[], mode: InferenceMode): PType {
  if (mode === 'generalized') return new PType('Array', [a.length === 0 ? new PType('Unit') : common(a.map((x) => inferType(x, mode)), a, true)]);
  if (a.length === 0) return new PType('Array', [0, 0]);
  if (mode === 'detailed') return new PType('Tuple', a.map((x) => inferType(x, mode)));
  return new PType('Array', [common(a.map((x) => inferType(x, mode)), a, false), a.length, a.length]);
}

function inferHash(h: ReadonlyMap<Value, Value>, mode: InferenceMode): PType {
  const keys = [...h.keys()];
  const values = [...h.values()];
  if (mode === 'generalized') {
    if (h.size === 0) return new PType('Hash', [new PType('Unit'), new PType('Unit')]);
    return new PType('Hash', [common(keys.map((k) => inferType(k, mode)), keys, true), common(values.map((x) => inferType(x, mode)), values, true)]);
  }
  if (h.size === 0) return new PType('Hash', [0, 0]);
  if (mode === 'detailed' && keys.every((k) => typeof k === 'string')) {
    return new PType('Struct', [new Map(keys.map((k) => [k, inferType(h.get(k), mode)]))]);
  }
  return new PType('Hash', [common(keys.map((k) => inferType(k, mode)), keys, false), common(values.map((x) => inferType(x, mode)), values, false), h.size, h.size]);
}

/**
 * The common type of some values' types: one type when they agree, ranges
 * merged (`Integer[1, 2]`) and Strings as their `Enum` unless `general`;
 * otherwise Numeric, ScalarData, Data or Any, the nearest that covers all.
 */
function common(types: readonly PType[], values: readonly Value[], general: boolean): PType {
  const known = types.filter((t) => t.name !== 'Undef');
  if (known.length === 0) return types[0]!;
  const names = new Set(known.map((t) => t.name));
  if (names.size === 1) {
    const name = known[0]!.name;
    if (general || known.every((t) => t.toString() === known[0]!.toString())) return known[0]!;
    if (name === 'String') return new PType('Enum', [...new Set(values as string[])]);
    if (name === 'Integer' || name === 'Float') {
      const ns = values.map((x) => numberOf(x)).filter((n): n is number => n !== undefined);
      const [lo, hi] = [Math.min(...ns), Math.max(...ns)];
      return new PType(name, name === 'Float' ? [toFloat(lo), toFloat(hi)] : [lo, hi]);
    }
    return new PType(name);
  }
  if ([...names].every((n) => NUMERIC.has(n))) return new PType('Numeric');
  if ([...names].every((n) => SCALAR_DATA.has(n))) return new PType('ScalarData');
  if ([...names].every((n) => DATA.has(n))) return new PType('Data');
  return new PType('Any');
}

/** `type(v, 'detailed' | 'reduced' | 'generalized')`'s mode argument, checked as Puppet does. */
export function inferenceMode(v: Value): InferenceMode {
  if (v === undefined) return 'detailed';
  if (v === 'detailed' || v === 'reduced' || v === 'generalized') return v as InferenceMode;
  const shown = typeof v === 'string' ? `'${v}'` : typeNameOf(v);
  throw new PuppetError(`'type' parameter 'inference_method' expects a match for Enum['detailed', 'generalized', 'reduced'], got ${shown}`, undefined);
}
