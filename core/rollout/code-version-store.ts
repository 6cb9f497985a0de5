/**
 * Code versions' archives (`packDirectory`) every instance can reach:
 * the leader stores each version a rollout copies, and an instance that
 * compiles a node of the rollout unpacks it under its own directory on
 * first need (`CodeVersions.ensure`). Several instances on PostgreSQL
 * share one; a single instance (SQLite) needs none.
 */
export interface CodeVersionStore {
  /** Stores a version's archive; a version stored already is left as it is. */
  put(environment: string, codeId: string, archive: Uint8Array): Promise<void>;
  /** A version's archive, or undefined when none is stored. */
  get(environment: string, codeId: string): Promise<Uint8Array | undefined>;
  /** The code ids stored for an environment. */
  codeIds(environment: string): Promise<string[]>;
  /** Removes the environment's versions not in `keep`. */
  retain(environment: string, keep: ReadonlySet<string>): Promise<void>;
  close(): Promise<void>;
}
