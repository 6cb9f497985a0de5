/**
 * Puppet 7's catalog JSON, as `catalog.to_data_hash` emits it and as
 * `puppet apply --catalog FILE` consumes it.
 */
export interface PuppetResource {
  readonly type: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly file?: string;
  readonly line?: number;
  readonly exported: boolean;
  /** Puppet 7 marks `compilable_type` (core and defined types) or `unknown` (classes, nodes). */
  readonly kind?: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Parameters whose values were `Sensitive` (their values appear unwrapped). */
  readonly sensitive_parameters?: readonly string[];
}

/** Edges in Puppet's own format name resources as `Type[title]` strings. */
export interface PuppetEdge {
  readonly source: string;
  readonly target: string;
}

export interface PuppetCatalog {
  readonly tags: readonly string[];
  readonly name: string;
  readonly version: number | string;
  readonly code_id: string | null;
  readonly catalog_uuid: string;
  readonly catalog_format: number;
  readonly environment: string;
  readonly resources: readonly PuppetResource[];
  readonly edges: readonly PuppetEdge[];
  readonly classes: readonly string[];
}

export interface ResourceRef {
  readonly type: string;
  readonly title: string;
}

/** PuppetDB's storage form (replace catalog v9): edges carry a relationship. */
export interface StoreEdge {
  readonly source: ResourceRef;
  readonly target: ResourceRef;
  readonly relationship: string;
}

export interface StoreResource extends PuppetResource {
  readonly aliases?: readonly string[];
}

export interface StoreCatalog {
  readonly version: string;
  readonly environment: string;
  readonly transactionUuid: string | null;
  readonly catalogUuid: string | null;
  readonly codeId: string | null;
  readonly producerTimestamp: string;
  readonly producer: string | null;
  readonly resources: readonly StoreResource[];
  readonly edges: readonly StoreEdge[];
}

/** What a catalog's hash covers, besides its environment: its resources and edges. */
export type CatalogBody = Pick<StoreCatalog, 'resources' | 'edges'>;

/** A stored catalog without its body: what changes from run to run of an unchanged catalog. */
export type CatalogMetadata = Omit<StoreCatalog, 'resources' | 'edges'>;
