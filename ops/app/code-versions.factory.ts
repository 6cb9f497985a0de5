import { join } from 'node:path';
import { CodeVersions } from '../../actors/rollout/code-versions.js';
import { PostgresCodeVersionStore } from '../../core/rollout/code-version-store.postgres.js';
import { log } from '../log/logger.js';
import type { StoreLocation } from './store-location.js';

/** A process's rollout code versions and what closes them. */
export interface OpenedCodeVersions {
  readonly versions: CodeVersions;
  close(): Promise<void>;
}

/**
 * The code versions of a process, under `DIR/code-versions`: on
 * PostgreSQL shared with the other instances through `code_versions`
 * (the leader stores each copy, the others unpack it on first need);
 * otherwise this instance's alone.
 */
export async function openCodeVersions(store: StoreLocation, dataDir: string): Promise<OpenedCodeVersions> {
  const root = join(dataDir, 'code-versions');
  if (store.kind !== 'postgres') return { versions: new CodeVersions(root), close: async () => {} };
  const shared = await PostgresCodeVersionStore.open(store.url);
  const versions = new CodeVersions(root, {
    shared, onSharedError: (err) => log.warn({ err }, 'could not remove old code versions from the shared store (tried again at the next prune)'),
  });
  return { versions, close: () => shared.close() };
}
