import { ValidationError } from '../errors/troupe-error.js';
import type { PqlAst } from '../pql/pql-ast.js';
import type { Result } from '../result.js';
import { parseRolloutPlan, type RolloutPlan } from '../rollout/rollout-plan.js';
import { object, optString, validated } from '../schema/field-readers.js';

/** A staged deployment: where the new code is (on the server's host) and the plan of waves. */
export interface StagedDeployment {
  readonly codeDir: string;
  readonly plan: RolloutPlan;
}

/** `POST /troupe/v1/deployments`: which environment's code changed, and to what version. */
export interface DeploymentRequest {
  readonly environment: string;
  /** The new code version; null lets Troupe read it from the environment's code directory. */
  readonly codeId: string | null;
  /** Only the nodes this selector condition picks (core/selector); null: every node of the environment. */
  readonly select: PqlAst | null;
  /** With `waves`: a staged rollout of the code in `codeDir` (core/rollout); null: a plain deployment. */
  readonly staged: StagedDeployment | null;
}

/** Puppet's environment names. */
const ENVIRONMENT_NAME = /^[a-z0-9_]+$/;
const MAX_CODE_ID = 256;
const MAX_TEXT = 4096;
const FIELDS = ['environment', 'codeId', 'select', 'waves', 'pace', 'gate', 'codeDir'];

/** Checks a deployment request field by field; `environment` defaults to `production`. */
export function decodeDeploymentRequest(value: unknown): Result<DeploymentRequest, ValidationError> {
  return validated(() => {
    const o = object(value, '');
    for (const k of Object.keys(o)) if (!FIELDS.includes(k)) throw new ValidationError(k, `unknown field (expected ${FIELDS.join(', ')})`);
    const environment = optString(o, 'environment', '') ?? 'production';
    if (!ENVIRONMENT_NAME.test(environment)) throw new ValidationError('environment', `'${environment}' is not an environment name (lower-case letters, digits, _)`);
    const codeId = optString(o, 'codeId', '');
    if (codeId !== null && (codeId === '' || codeId.length > MAX_CODE_ID)) throw new ValidationError('codeId', `must be 1–${MAX_CODE_ID} characters`);
    const select = o['select'] ?? null;
    if (select !== null && !Array.isArray(select)) throw new ValidationError('select', 'a selector condition is a JSON AST array, e.g. ["=", "facts.role", "web"]');
    const staged = stagedOf(o);
    if (staged !== null && select !== null) throw new ValidationError('select', 'a staged deployment moves nodes by its waves (a wave can be a fact selector); select is for plain deployments');
    if (staged !== null && codeId !== null) throw new ValidationError('codeId', 'a staged deployment reads its version from codeDir');
    return { environment, codeId, select: select as PqlAst | null, staged };
  });
}

function stagedOf(o: Readonly<Record<string, unknown>>): StagedDeployment | null {
  const [waves, pace, gate, codeDir] = (['waves', 'pace', 'gate', 'codeDir'] as const).map((k) => {
    const v = optString(o, k, '');
    if (v !== null && v.length > MAX_TEXT) throw new ValidationError(k, `at most ${MAX_TEXT} characters`);
    return v;
  });
  if (waves === null || waves === undefined) {
    for (const [k, v] of [['pace', pace], ['gate', gate], ['codeDir', codeDir]] as const) if (v !== null) throw new ValidationError(k, 'only with waves (a staged deployment)');
    return null;
  }
  if (codeDir === null || codeDir === undefined || !codeDir.startsWith('/')) throw new ValidationError('codeDir', "a staged deployment needs the new code's directory, an absolute path on Troupe's host");
  const plan = parseRolloutPlan({ waves, pace: pace ?? null, gate: gate ?? null });
  if (!plan.ok) throw plan.error;
  return { codeDir, plan: plan.value };
}
