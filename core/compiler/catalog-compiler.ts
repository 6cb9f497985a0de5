import type { PuppetCatalog } from '../catalog/puppet-catalog.types.js';
import type { CompileErrorInfo } from '../events/event.types.js';
import type { Result } from '../result.js';

/** A collector's search expression (`<<| tag == 'x' and port != 80 |>>`). */
export type ResourceFilter =
  | { readonly op: '==' | '!='; readonly attribute: string; readonly value: unknown }
  | { readonly op: 'and' | 'or'; readonly left: ResourceFilter; readonly right: ResourceFilter };

export interface ExportedResourceQuery {
  /** Capitalised resource type, e.g. `Nagios_host` or `Ssh::Key`. */
  readonly type: string;
  readonly filter?: ResourceFilter;
  /** The compiling node: its own exports are collected from its own catalog. */
  readonly excludeCertname: string;
  /** Only resources exported in this environment, when given. */
  readonly environment?: string;
}

/** One exported resource, in PuppetDB's `/pdb/query/v4/resources` shape. */
export interface ExportedResource {
  readonly certname: string;
  readonly type: string;
  readonly title: string;
  readonly exported: true;
  readonly tags: readonly string[];
  readonly file: string | null;
  readonly line: number | null;
  readonly environment: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** What the storeconfigs database answers for `<<| |>>` collectors. */
export interface ExportedResourceLookup {
  find(query: ExportedResourceQuery): Promise<readonly ExportedResource[]>;
}

export interface CompileRequest {
  readonly certname: string;
  readonly environment: string;
  /** The node's facts (`$facts`, and top-scope variables). */
  readonly facts: Readonly<Record<string, unknown>>;
  /** Merged over the `$trusted` puppetserver builds from the certname. */
  readonly trusted?: Readonly<Record<string, unknown>>;
  readonly exported: ExportedResourceLookup;
  /** The catalog_uuid to stamp on the result (fresh per compile). */
  readonly catalogUuid: string;
  /**
   * Compile with this directory as the environment's code (a staged
   * rollout's snapshot of one code version) instead of the configured one;
   * only for compilers with `codeVersions`. @defaultValue the environment's own directory
   */
  readonly codeDir?: string;
}

/** The backend a compiler chose for one compile, and why (`--compiler auto`); recorded on its outcome event. */
export interface BackendChoice {
  /** `builtin` or `puppet`. */
  readonly backend: string;
  readonly reason: string;
}

/** A compile's outcome; `choice` is set by compilers that pick a backend per environment. */
export type CompileResult = Result<PuppetCatalog, CompileErrorInfo> & { readonly choice?: BackendChoice };

/**
 * Turns a node's facts into its Puppet 7 catalog. Failures of the node's
 * code are results (with Puppet's message shape), not exceptions.
 */
export interface CatalogCompiler {
  /** Backend name, recorded on every compile event (`static`, `builtin`, `puppet`, `auto`). */
  readonly name: string;
  /** Whether `compile` honours a request's `codeDir` (staged rollouts need it). @defaultValue false */
  readonly codeVersions?: boolean;
  compile(request: CompileRequest): Promise<CompileResult>;
  /** The code version compiles currently use; changes when code is deployed. */
  codeId(environment: string): Promise<string>;
  /** Drops cached code for an environment (after a `code_deployed` event). */
  invalidate(environment?: string): void;
  /** What `/status` shows of the backend's own resources (a process pool), as JSON. */
  stats?(): Readonly<Record<string, unknown>>;
  close?(): Promise<void>;
}

/** A lookup for compiles that have no storeconfigs database behind them. */
export const NO_EXPORTED_RESOURCES: ExportedResourceLookup = { find: async () => [] };
