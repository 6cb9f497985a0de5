import { createHash } from 'node:crypto';
import { ValidationError } from '../errors/troupe-error.js';
import { err, type Result } from '../result.js';
import { array, certname, integer, nonEmpty, object, optString, validated, type Obj } from '../schema/field-readers.js';
import { decodeBoundedJson } from './bounded-json.js';

/**
 * One node's compile, as it travels over the broker's compile queue from
 * the node's actor to whichever instance takes it (issue 18). The facts are
 * not in it: the compiling instance reads the node's newest from the log,
 * as a local compile does.
 */
export interface CompileJob {
  /** Derived from what it answers ({@link compileJobId}); the outcome event's id, so a redelivered job's outcome is a log duplicate. */
  readonly id: string;
  readonly certname: string;
  readonly environment: string;
  /** The catalog requests this compile answers (a mailbox merges several into one compile). */
  readonly requestIds: readonly string[];
  /** The compile pool's priority (requests 0–9, background work below 0). */
  readonly priority: number;
  /** Log position of the newest request merged in: the pool's age order and the rollout's code version. */
  readonly position: number;
  /** The node's catalog hash before this compile (`catalog_compiled.previousHash`). */
  readonly previousHash: string | null;
  /** The newest request's `$trusted`, when it had one. */
  readonly trusted?: Readonly<Record<string, unknown>>;
}

/** The body's format version; a consumer refuses others (dead-lettered) instead of guessing. */
export const COMPILE_JOB_VERSION = 1;
/** Requests one job may answer: far above what a node's mailbox merges (its capacity). */
export const MAX_JOB_REQUESTS = 10_000;
/** The largest job body taken; a real one is a few hundred bytes plus `$trusted`. */
export const MAX_JOB_BYTES = 1_000_000;
const PRIORITY_RANGE = { min: -10, max: 9 } as const;

/**
 * The job id of a compile of `certname` answering `requestIds`, in UUID
 * form (name-based, SHA-1 as UUIDv5): the same requests give the same id
 * whoever publishes them and however often, so every compile of them
 * appends its outcome under one event id and only the first is logged.
 */
export function compileJobId(certname: string, requestIds: readonly string[]): string {
  const h = createHash('sha1').update('troupe-compile-job\0').update(certname);
  for (const id of [...requestIds].sort()) h.update('\0').update(id);
  const b = h.digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The job as the queue carries it: JSON with its format version. */
export function encodeCompileJob(job: CompileJob): string {
  return JSON.stringify({ version: COMPILE_JOB_VERSION, ...job });
}

/**
 * Reads a job body, field by field; an id that is not the one its
 * certname and requests derive is refused (it would defeat the dedupe).
 */
export function decodeCompileJob(body: string): Result<CompileJob, ValidationError> {
  if (Buffer.byteLength(body) > MAX_JOB_BYTES) return err(new ValidationError('', `a compile job is at most ${MAX_JOB_BYTES} bytes`));
  const json = decodeBoundedJson(body);
  if (!json.ok) return err(new ValidationError('', `body ${json.error.message}`));
  return validated(() => readJob(object(json.value, '')));
}

function readJob(o: Obj): CompileJob {
  const known = ['version', 'id', 'certname', 'environment', 'requestIds', 'priority', 'position', 'previousHash', 'trusted'];
  for (const k of Object.keys(o)) if (!known.includes(k)) throw new ValidationError(k, 'unknown field');
  integer(o, 'version', '', COMPILE_JOB_VERSION, COMPILE_JOB_VERSION);
  const node = certname(o['certname'], 'certname');
  const requests = array(o, 'requestIds', '');
  if (requests.length === 0 || requests.length > MAX_JOB_REQUESTS) throw new ValidationError('requestIds', `expected 1..${MAX_JOB_REQUESTS} request ids, got ${requests.length}`);
  const requestIds = requests.map((r, i) => {
    if (typeof r !== 'string' || r.length === 0 || r.length > 200) throw new ValidationError(`requestIds[${i}]`, 'expected a request id (1–200 characters)');
    return r;
  });
  const id = nonEmpty(o, 'id', '');
  if (id !== compileJobId(node, requestIds)) throw new ValidationError('id', 'is not the id its certname and request ids derive');
  const priority = o['priority'];
  if (typeof priority !== 'number' || !Number.isFinite(priority) || priority < PRIORITY_RANGE.min || priority > PRIORITY_RANGE.max) {
    throw new ValidationError('priority', `expected a number in ${PRIORITY_RANGE.min}..${PRIORITY_RANGE.max}`);
  }
  const trusted = o['trusted'] === undefined ? undefined : object(o['trusted'], 'trusted');
  return {
    id, certname: node, environment: nonEmpty(o, 'environment', ''), requestIds, priority,
    position: integer(o, 'position', '', 0, Number.MAX_SAFE_INTEGER),
    previousHash: optString(o, 'previousHash', ''),
    ...(trusted ? { trusted } : {}),
  };
}
