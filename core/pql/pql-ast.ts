/**
 * The JSON AST that PuppetDB's PQL transform (`puppetlabs.puppetdb.pql`)
 * produces, and the words PQL knows. The AST is plain JSON so the query
 * engine can take it exactly as it takes an AST query sent as JSON.
 */

/** Any node of a PuppetDB AST query: JSON strings, numbers, booleans and arrays (PQL itself never yields `null`). */
export type PqlAst = string | number | boolean | null | readonly PqlAst[];

/** A whole PQL query: `["from", entity, ...clauses]`, e.g. `["from", "nodes", ["=", "certname", "a"]]`. */
export type PqlQuery = readonly ['from', PqlEntity, ...PqlAst[]];

/** The entities of PuppetDB's PQL grammar (`pql-grammar.ebnf`). */
export const PUPPETDB_PQL_ENTITIES = [
  'facts', 'reports', 'catalogs', 'packages', 'package_inventory', 'resources', 'nodes',
  'environments', 'factsets', 'fact_paths', 'fact_contents', 'inventory', 'edges', 'events',
] as const;

/**
 * Troupe's extension: entities PuppetDB's AST query engine serves but its
 * PQL grammar does not name, accepted in PQL too so every entity is
 * reachable from one query language.
 */
export const EXTENSION_PQL_ENTITIES = ['fact_names', 'producers', 'catalog_input_contents', 'catalog_inputs'] as const;

export const PQL_ENTITIES = [...PUPPETDB_PQL_ENTITIES, ...EXTENSION_PQL_ENTITIES] as const;
export type PqlEntity = (typeof PQL_ENTITIES)[number];

/** Aggregate and conversion functions a projection or `group by` may call. */
export const PQL_FUNCTIONS = ['count', 'avg', 'sum', 'min', 'max', 'to_string'] as const;

/** Fields that may be followed by a dotted path (`facts.os.family`, `parameters.ensure`). */
export const PQL_DOTTED_FIELDS = ['facts', 'trusted', 'parameters'] as const;

/**
 * A query PQL cannot translate. `message` reads as PuppetDB's does
 * (`PQL parse error at line 1, column 7: …` with the line, a caret and what
 * was expected there); `line` and `column` are 1-based, the column counted
 * in UTF-16 code units as PuppetDB (Java) counts it.
 */
export interface PqlError {
  readonly code: 'pql_syntax';
  readonly message: string;
  readonly line: number;
  readonly column: number;
}
