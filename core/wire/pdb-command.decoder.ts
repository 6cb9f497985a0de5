import type { StoreCatalog, StoreEdge, StoreResource } from '../catalog/puppet-catalog.types.js';
import { ValidationError } from '../errors/troupe-error.js';
import type { EventMeta, ReportData, TroupeEvent } from '../events/event.types.js';
import type { Result } from '../result.js';
import {
  array, boolean, certname, child, join, nonEmpty, object, optString, string, timestamp, validated, type Obj,
} from '../schema/field-readers.js';

/** The PuppetDB commands Troupe speaks, with the wire version of each. */
export const PDB_COMMANDS = {
  replace_facts: 5,
  replace_catalog: 9,
  store_report: 8,
  deactivate_node: 3,
  replace_catalog_inputs: 1,
} as const;
export type PdbCommandName = keyof typeof PDB_COMMANDS;

/**
 * Whether a command's document is read keeping integral Floats (`1.0`) as
 * Floats (`decodeBoundedJson`'s `keepFloats`): facts and catalogs, as Puppet
 * wrote them (core/json/json-float.ts). Reports keep plain numbers: their
 * metrics (`0.0` among them) are checked as numbers.
 */
export const keepsFloats = (command: string | null): boolean =>
  command !== null && (command.replace(' ', '_') === 'replace_facts' || command.replace(' ', '_') === 'replace_catalog');

export interface PdbCommand {
  /** Accepts PuppetDB's spaced names too ("replace catalog"). */
  readonly command: string;
  readonly version: number;
  /** The certname of the query string, when given; must match the body's. */
  readonly certname: string | null;
  readonly body: unknown;
}

export interface DecodeContext {
  readonly id: string;
  readonly now: string;
  readonly meta: EventMeta;
}

/**
 * Decodes one PuppetDB command into the event it becomes. Any schema
 * violation is an `invalid_input` error that names the field; nothing
 * partial is ever returned.
 */
export function decodePdbCommand(cmd: PdbCommand, ctx: DecodeContext): Result<TroupeEvent, ValidationError> {
  return validated(() => decode(cmd, ctx));
}

function decode(cmd: PdbCommand, ctx: DecodeContext): TroupeEvent {
  const name = cmd.command.replace(/ /g, '_') as PdbCommandName;
  const expected = PDB_COMMANDS[name];
  if (expected === undefined) throw new ValidationError('command', `unknown command ${JSON.stringify(cmd.command)}`);
  if (cmd.version !== expected) {
    throw new ValidationError('version', `${name} is supported at version ${expected}, got ${cmd.version}`);
  }
  const body = object(cmd.body, '');
  const node = certname(body['certname'], 'certname');
  if (cmd.certname !== null && cmd.certname !== node) {
    throw new ValidationError('certname', `query names ${cmd.certname} but the payload names ${node}`);
  }
  const base = { id: ctx.id, stream: node, meta: ctx.meta };
  switch (name) {
    case 'replace_facts':
      return { ...base, type: 'facts_submitted', time: timestamp(body, 'producer_timestamp', ''), data: decodeFacts(body) };
    case 'replace_catalog': {
      const catalog = decodeStoreCatalog(body);
      return { ...base, type: 'catalog_submitted', time: catalog.producerTimestamp, data: { catalog } };
    }
    case 'store_report':
      return { ...base, type: 'report_submitted', time: timestamp(body, 'producer_timestamp', ''), data: decodeStoreReport(body) };
    case 'replace_catalog_inputs': {
      const producerTimestamp = timestamp(body, 'producer_timestamp', '');
      return { ...base, type: 'catalog_inputs_submitted', time: producerTimestamp, data: {
        producerTimestamp, catalogUuid: optString(body, 'catalog_uuid', ''), inputs: decodeInputs(body),
      } };
    }
    case 'deactivate_node': {
      const producerTimestamp = timestamp(body, 'producer_timestamp', '');
      return { ...base, type: 'node_deactivated', time: producerTimestamp, data: { producerTimestamp } };
    }
  }
}

/** `inputs`: `[type, name]` string pairs. */
function decodeInputs(body: Obj): [string, string][] {
  return array(body, 'inputs', '').map((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string' || pair[0] === '') {
      throw new ValidationError(join('inputs', i), 'expected [type, name] strings');
    }
    return [pair[0], pair[1]];
  });
}

function decodeFacts(body: Obj) {
  return {
    environment: nonEmpty(body, 'environment', ''),
    producerTimestamp: timestamp(body, 'producer_timestamp', ''),
    producer: optString(body, 'producer', ''),
    values: child(body, 'values', ''),
  };
}

export function decodeStoreCatalog(body: Obj): StoreCatalog {
  const version = body['version'];
  if (typeof version !== 'string' && typeof version !== 'number') {
    throw new ValidationError('version', 'expected a string or number');
  }
  return {
    version: String(version),
    environment: nonEmpty(body, 'environment', ''),
    transactionUuid: optString(body, 'transaction_uuid', ''),
    catalogUuid: optString(body, 'catalog_uuid', ''),
    codeId: optString(body, 'code_id', ''),
    producerTimestamp: timestamp(body, 'producer_timestamp', ''),
    producer: optString(body, 'producer', ''),
    resources: array(body, 'resources', '').map((r, i) => decodeResource(r, join('resources', i))),
    edges: array(body, 'edges', '').map((e, i) => decodeEdge(e, join('edges', i))),
  };
}

function decodeResource(value: unknown, path: string): StoreResource {
  const r = object(value, path);
  const tags = array(r, 'tags', path).map((t, i) => {
    if (typeof t !== 'string') throw new ValidationError(join(join(path, 'tags'), i), 'expected a string');
    return t;
  });
  const line = r['line'];
  if (line !== undefined && line !== null && (typeof line !== 'number' || !Number.isInteger(line))) {
    throw new ValidationError(join(path, 'line'), 'expected an integer');
  }
  const file = optString(r, 'file', path);
  const aliases = r['aliases'] === undefined ? undefined : array(r, 'aliases', path).map(String);
  return {
    type: nonEmpty(r, 'type', path),
    title: string(r, 'title', path),
    exported: boolean(r, 'exported', path, false),
    tags,
    ...(file === null ? {} : { file }),
    ...(typeof line === 'number' ? { line } : {}),
    parameters: r['parameters'] === undefined ? {} : child(r, 'parameters', path),
    ...(aliases ? { aliases } : {}),
  };
}

function decodeEdge(value: unknown, path: string): StoreEdge {
  const e = object(value, path);
  const ref = (key: string) => {
    const o = child(e, key, path);
    return { type: nonEmpty(o, 'type', join(path, key)), title: string(o, 'title', join(path, key)) };
  };
  return { source: ref('source'), target: ref('target'), relationship: nonEmpty(e, 'relationship', path) };
}

/** A store_report v8 payload as the event's data; `body` keeps what has no column. */
export function decodeStoreReport(body: Obj): ReportData {
  const { certname: _c, environment: _e, producer_timestamp: _p, ...rest } = body;
  return {
    environment: nonEmpty(body, 'environment', ''),
    producerTimestamp: timestamp(body, 'producer_timestamp', ''),
    status: nonEmpty(body, 'status', ''),
    noop: boolean(body, 'noop', '', false),
    configurationVersion: String(body['configuration_version'] ?? ''),
    transactionUuid: optString(body, 'transaction_uuid', ''),
    catalogUuid: optString(body, 'catalog_uuid', ''),
    startTime: timestamp(body, 'start_time', ''),
    endTime: timestamp(body, 'end_time', ''),
    puppetVersion: string(body, 'puppet_version', ''),
    body: rest,
  };
}
