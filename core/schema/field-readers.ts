import { ValidationError } from '../errors/troupe-error.js';
import { err, ok, type Result } from '../result.js';

/**
 * Tiny schema readers: each returns the typed field or throws a
 * ValidationError naming the path. Boundary decoders catch it once and turn
 * it into a Result, so bad input never gets half-way in.
 */
export type Obj = Readonly<Record<string, unknown>>;

export function object(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(path, `expected an object, got ${describe(value)}`);
  }
  return value as Obj;
}

export function string(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new ValidationError(join(path, key), `expected a string, got ${describe(v)}`);
  return v;
}

export function nonEmpty(o: Obj, key: string, path: string): string {
  const v = string(o, key, path);
  if (v.length === 0) throw new ValidationError(join(path, key), 'must not be empty');
  return v;
}

export function optString(o: Obj, key: string, path: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new ValidationError(join(path, key), `expected a string or null, got ${describe(v)}`);
  return v;
}

export function boolean(o: Obj, key: string, path: string, fallback?: boolean): boolean {
  const v = o[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'boolean') throw new ValidationError(join(path, key), `expected a boolean, got ${describe(v)}`);
  return v;
}

export function integer(o: Obj, key: string, path: string, min: number, max: number): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ValidationError(join(path, key), `expected an integer in ${min}..${max}, got ${describe(v)}`);
  }
  return v;
}

export function array(o: Obj, key: string, path: string): readonly unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new ValidationError(join(path, key), `expected an array, got ${describe(v)}`);
  return v;
}

export function child(o: Obj, key: string, path: string): Obj {
  return object(o[key], join(path, key));
}

export function oneOf<T extends string>(o: Obj, key: string, path: string, allowed: readonly T[]): T {
  const v = string(o, key, path);
  if (!(allowed as readonly string[]).includes(v)) {
    throw new ValidationError(join(path, key), `expected one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}

export function timestamp(o: Obj, key: string, path: string): string {
  const v = string(o, key, path);
  if (Number.isNaN(Date.parse(v))) throw new ValidationError(join(path, key), `not a timestamp: ${JSON.stringify(v)}`);
  return v;
}

/** Puppet certnames: lowercase letters, digits, dots, dashes, underscores. */
const CERTNAME = /^[a-z0-9_][a-z0-9._-]{0,252}$/;
export function certname(value: unknown, path: string): string {
  if (typeof value !== 'string' || !CERTNAME.test(value)) {
    throw new ValidationError(path, `not a valid certname: ${describe(value)}`);
  }
  return value;
}

/** Runs readers at a boundary: their first violation becomes the error result. */
export function validated<T>(read: () => T): Result<T, ValidationError> {
  try {
    return ok(read());
  } catch (e) {
    if (e instanceof ValidationError) return err(e);
    throw e;
  }
}

export const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length > 40 ? `a string "${v.slice(0, 40)}…"` : `"${v}"`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}
