import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker-thread module `name` that sits next to the caller
 * (`base` is the caller's `import.meta.url`). It runs from the same tree as
 * the caller: `.js` in dist, `.ts` under tsx, where module hooks are per
 * thread, so the thread registers tsx before importing the entry.
 */
export function startModuleWorker(base: string, name: string, workerData: unknown): Worker {
  const ext = extname(fileURLToPath(base));
  const entry = new URL(`./${name}${ext}`, base);
  return ext === '.ts'
    ? new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true, workerData })
    : new Worker(entry, { workerData });
}
