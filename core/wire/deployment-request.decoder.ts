import { ValidationError } from '../errors/troupe-error.js';
import type { PqlAst } from '../pql/pql-ast.js';
import type { Result } from '../result.js';
import { object, optString, validated } from '../schema/field-readers.js';

/** `POST /troupe/v1/deployments`: which environment's code changed, and to what version. */
export interface DeploymentRequest {
  readonly environment: string;
  /** The new code version; null lets Troupe read it from the environment's code directory. */
  readonly codeId: string | null;
  /** Only the nodes this selector condition picks (core/selector); null: every node of the environment. */
  readonly select: PqlAst | null;
}

/** Puppet's environment names. */
const ENVIRONMENT_NAME = /^[a-z0-9_]+$/;
const MAX_CODE_ID = 256;

/** Checks a deployment request field by field; `environment` defaults to `production`. */
export function decodeDeploymentRequest(value: unknown): Result<DeploymentRequest, ValidationError> {
  return validated(() => {
    const o = object(value, '');
    const environment = optString(o, 'environment', '') ?? 'production';
    if (!ENVIRONMENT_NAME.test(environment)) throw new ValidationError('environment', `'${environment}' is not an environment name (lower-case letters, digits, _)`);
    const codeId = optString(o, 'codeId', '');
    if (codeId !== null && (codeId === '' || codeId.length > MAX_CODE_ID)) throw new ValidationError('codeId', `must be 1–${MAX_CODE_ID} characters`);
    const select = o['select'] ?? null;
    if (select !== null && !Array.isArray(select)) throw new ValidationError('select', 'a selector condition is a JSON AST array, e.g. ["=", "facts.role", "web"]');
    for (const k of Object.keys(o)) if (!['environment', 'codeId', 'select'].includes(k)) throw new ValidationError(k, 'unknown field (expected environment, codeId, select)');
    return { environment, codeId, select: select as PqlAst | null };
  });
}
