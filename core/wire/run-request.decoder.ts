import { ValidationError } from '../errors/troupe-error.js';
import type { PqlAst } from '../pql/pql-ast.js';
import type { Result } from '../result.js';
import { integer, object, validated } from '../schema/field-readers.js';

/** `POST /troupe/v1/runs`: which nodes, how many at once, how long each may take. */
export interface RunRequestBody {
  /** A selector condition (core/selector); null: every active node. */
  readonly select: PqlAst | null;
  /** Nodes asked at once (MCollective's `runall N`). */
  readonly batch: number;
  /** A node not reported back within this is counted `timed_out`. */
  readonly timeoutSeconds: number;
}

export const DEFAULT_RUN_REQUEST = { batch: 1, timeoutSeconds: 600 } as const;
const MAX_BATCH = 1000;
const MAX_TIMEOUT_SECONDS = 86_400;

/** Checks a run request field by field; `batch` defaults to 1, `timeoutSeconds` to 600. */
export function decodeRunRequest(value: unknown): Result<RunRequestBody, ValidationError> {
  return validated(() => {
    const o = object(value, '');
    for (const k of Object.keys(o)) if (!['select', 'batch', 'timeoutSeconds'].includes(k)) throw new ValidationError(k, 'unknown field (expected select, batch, timeoutSeconds)');
    const select = o['select'] ?? null;
    if (select !== null && !Array.isArray(select)) throw new ValidationError('select', 'a selector condition is a JSON AST array, e.g. ["=", "facts.role", "web"]');
    const batch = o['batch'] === undefined ? DEFAULT_RUN_REQUEST.batch : integer(o, 'batch', '', 1, MAX_BATCH);
    const timeoutSeconds = o['timeoutSeconds'] === undefined ? DEFAULT_RUN_REQUEST.timeoutSeconds : integer(o, 'timeoutSeconds', '', 1, MAX_TIMEOUT_SECONDS);
    return { select: select as PqlAst | null, batch, timeoutSeconds };
  });
}
