import { parentPort, workerData } from 'node:worker_threads';
import { CompilePool } from '../../../actors/compile/compile-pool.js';
import { createCompileOutcome } from '../../../actors/compile/compile-step.js';
import type { BackendChoice, CatalogCompiler } from '../../../core/compiler/catalog-compiler.js';
import { yieldToOtherThreads } from '../../../core/threads/thread-priority.js';
import { exportedResourceLookup } from '../../../projections/exported-resources.query.js';
import { createPdbQueryEngine } from '../../../projections/query/pdb-query.engine.js';
import { toWire } from '../../cluster/wire-event.js';
import { createCompiler } from '../compiler.factory.js';
import { openStoreconfigsReader, storeLocation } from '../store-location.js';
import type { BackgroundCompileThreadData, FromBackgroundThread, ToBackgroundThread } from './background-compile.messages.js';

/**
 * A process's background compiles (a deployment's, a dependency's) on a
 * thread of their own at a low CPU priority: the builtin compiler, its own
 * code cache and its own storeconfigs reader for collectors. It answers
 * each compile with the outcome event, the catalog as JSON text and its
 * hash, all made here, so the process only passes the text on.
 */
const data = workerData as BackgroundCompileThreadData;
const port = parentPort!;
const send = (m: FromBackgroundThread): void => port.postMessage(m);
const nice = yieldToOtherThreads(data.nice);

// Always the built-in: with `--compiler auto` the process sends only what auto gives the built-in.
const compiler = createCompiler({ ...data.config, compiler: 'builtin' }, { recordDrift: async () => undefined });
const storeconfigs = await openStoreconfigsReader(storeLocation(data.config));
const deps = { compiler, pool: new CompilePool({ concurrency: data.slots, backgroundSlots: data.slots }), exported: exportedResourceLookup(createPdbQueryEngine(storeconfigs.source)) };

port.on('message', (m: ToBackgroundThread) => {
  if (m.type === 'invalidate') compiler.invalidate(m.environment);
  if (m.type === 'compile') void compile(m);
});
send({ type: 'ready', nice });

async function compile(m: Extract<ToBackgroundThread, { type: 'compile' }>): Promise<void> {
  // The code directory was read by the process when the compile took its slot there.
  const outcome = createCompileOutcome({ ...deps, compiler: m.choice ? naming(m.choice) : compiler, codeDirOf: async () => m.codeDir });
  const { event, hash } = await outcome({ state: m.state, work: m.work }, m.eventId);
  send({ type: 'compiled', callId: m.callId, wire: toWire(event), hash });
}

/** The built-in, its results naming `choice` (auto's decision and why), as auto's own builtin compiles do. */
const naming = (choice: BackendChoice): CatalogCompiler => ({
  name: compiler.name, codeId: (e) => compiler.codeId(e), invalidate: (e) => compiler.invalidate(e),
  compile: async (request) => ({ ...(await compiler.compile(request)), choice }),
});
