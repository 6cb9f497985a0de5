import { ValidationError } from '../errors/troupe-error.js';
import { CHECKSUM_TYPES, type ChecksumType } from '../file-serving/checksums.js';
import { err, type Result } from '../result.js';
import { certname, child, integer, nonEmpty, object, optString, string, validated, type Obj } from '../schema/field-readers.js';
import { decodeBoundedJson } from './bounded-json.js';
import { decodeForm, formText, unescapeBytes, type FormFields } from './form-urlencoded.js';

/** An agent's request for its catalog, whichever door it came through. */
export interface CatalogRequest {
  readonly certname: string;
  readonly environment: string;
  /** The facts sent along; null when none were (the node's newest known facts are used). */
  readonly facts: Readonly<Record<string, unknown>> | null;
  readonly transactionUuid: string | null;
  /** 0 (lowest) … 9. */
  readonly priority: number;
  /** `$trusted` sent in the body (v4 `trusted_facts.values`); null when absent. */
  readonly trusted: Readonly<Record<string, unknown>> | null;
}

/** Puppet's rule for environment names (`Puppet::Node::Environment.valid_name?`). */
const ENVIRONMENT = /^[a-z0-9_]+$/;

/** Facts formats Puppet agents send; PSON is JSON for everything Troupe can store. */
const FACTS_FORMATS: ReadonlySet<string> = new Set(['application/json', 'pson']);

/**
 * puppetserver's `POST /puppet/v4/catalog` body: `certname`, `environment`,
 * `facts.values`, optional `transaction_uuid`, `trusted_facts.values` and
 * Troupe's `priority`.
 */
export function decodeV4CatalogRequest(body: unknown): Result<CatalogRequest, ValidationError> {
  return validated(() => {
    const o = object(body, '');
    return {
      certname: certname(o['certname'], 'certname'),
      environment: o['environment'] === undefined ? 'production' : nonEmpty(o, 'environment', ''),
      facts: child(child(o, 'facts', ''), 'values', 'facts'),
      transactionUuid: optString(o, 'transaction_uuid', ''),
      priority: o['priority'] === undefined ? 0 : integer(o, 'priority', '', 0, 9),
      trusted: o['trusted_facts'] === undefined ? null : child(child(o, 'trusted_facts', ''), 'values', 'trusted_facts'),
    };
  });
}

/** A v3 request: Puppet's agent may ask for a static catalog. */
export interface V3CatalogRequest extends CatalogRequest {
  /**
   * `static_catalog=true`: the checksum type to inline file metadata with,
   * the first of the agent's `checksum_type` list this server knows (as
   * Puppet's `common_checksum_type` picks it); null for a plain catalog.
   */
  readonly staticCatalog: ChecksumType | null;
}

export interface V3CatalogInput {
  /** The `<name>` of `/puppet/v3/catalog/<name>`. */
  readonly certname: string;
  /** The raw query string (without `?`). */
  readonly query: string;
  /** The form-encoded body; empty for `GET`. */
  readonly form: Uint8Array;
}

/**
 * Puppet's `POST /puppet/v3/catalog/<name>` (or `GET` with the same fields
 * in the query): form fields `environment`, `facts_format`, `facts`
 * (URL-encoded once more inside the form, as Puppet sends it),
 * `transaction_uuid`, `static_catalog` and `checksum_type`; a body field
 * wins over the same query field. The facts' `name` must be the certname
 * of the path, as Puppet checks. Fields agents send that change nothing
 * here (`job_id`, `configured_environment`, …) are accepted.
 */
export function decodeV3CatalogRequest(input: V3CatalogInput): Result<V3CatalogRequest, ValidationError> {
  const query = decodeForm(input.query);
  if (!query.ok) return err(new ValidationError('query', query.error.message));
  const form = decodeForm(input.form);
  if (!form.ok) return form;
  return validated(() => {
    const field = (name: string): string | null => single(form.value, name) ?? single(query.value, name);
    const node = certname(input.certname, 'certname');
    const environment = field('environment');
    if (environment === null) throw new ValidationError('environment', 'an environment parameter must be specified');
    if (!ENVIRONMENT.test(environment)) throw new ValidationError('environment', `must be purely alphanumeric, not ${JSON.stringify(environment)}`);
    const factsText = rawField(form.value, 'facts') ?? rawField(query.value, 'facts');
    return {
      certname: node,
      environment,
      facts: factsText === null ? null : decodeWireFacts(factsText, field('facts_format'), node),
      transactionUuid: field('transaction_uuid'),
      priority: 0,
      trusted: null,
      staticCatalog: field('static_catalog') === 'true' ? commonChecksumType(field('checksum_type')) : null,
    };
  });
}

/** The first of the agent's checksum types (`sha256.sha384.…`) Puppet knows; an agent asking with none of them is refused, as Puppet does. */
function commonChecksumType(agentTypes: string | null): ChecksumType {
  const type = (agentTypes ?? '').split('.').find((t): t is ChecksumType => (CHECKSUM_TYPES as readonly string[]).includes(t));
  if (type === undefined) {
    throw new ValidationError('checksum_type', `Unable to find a common checksum type between agent '${agentTypes ?? ''}' and master '${CHECKSUM_TYPES.join(', ')}'`);
  }
  return type;
}

/** The facts field: URL-decoded once more (Puppet encodes it twice), JSON `{name, values, …}`. */
function decodeWireFacts(encoded: Buffer, format: string | null, node: string): Readonly<Record<string, unknown>> {
  if (format === null) throw new ValidationError('facts_format', 'facts were sent without a facts_format');
  if (!FACTS_FORMATS.has(format)) throw new ValidationError('facts_format', `unsupported facts format ${JSON.stringify(format)}`);
  const decoded = decodeBoundedJson(unescapeBytes(encoded), { keepFloats: true });
  if (!decoded.ok) throw new ValidationError('facts', decoded.error.message);
  const facts: Obj = object(decoded.value, 'facts');
  const name = string(facts, 'name', 'facts');
  if (name !== node) {
    throw new ValidationError('facts.name', `catalog for ${JSON.stringify(node)} was requested with facts of another node (${JSON.stringify(name)})`);
  }
  return child(facts, 'values', 'facts');
}

/** A field given at most once, as UTF-8 text; null when absent. */
function single(fields: FormFields, name: string): string | null {
  const raw = rawField(fields, name);
  if (raw === null) return null;
  const text = formText(raw);
  if (text === null) throw new ValidationError(name, 'is not valid UTF-8');
  return text;
}

function rawField(fields: FormFields, name: string): Buffer | null {
  const values = fields.get(name);
  if (values === undefined) return null;
  if (values.length > 1) throw new ValidationError(name, `given ${values.length} times`);
  return values[0]!;
}
