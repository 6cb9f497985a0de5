import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { catalogHash } from '../../../core/catalog/catalog-hash.js';
import type { RecordedEvent } from '../../../core/events/event.types.js';
import { CatalogReferences } from '../../../core/log/catalog-references.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { decodePdbCommand } from '../../../core/wire/pdb-command.decoder.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';

/**
 * The per-stage profile of one PuppetDB command, for `npm run
 * bench:storeconfigs`: each stage of the storeconfigs write path timed on
 * its own, on this thread, one command after another, with the shared
 * generator's own payloads (`pdb-load.mjs --dry-run --dump`). It says where
 * the time of a command goes; the end-to-end rate (threads, group commit,
 * batching, the generator's share of the CPUs) is the load run's.
 */

/** The commands profiled: what the generator sends for one node, per pass. */
export type ProfiledCommand = 'facts' | 'new catalog' | 'unchanged catalog' | 'changed catalog';

/** Stages of the write path, in the order a command goes through them. */
export const PROFILE_STAGES = [
  'HTTP round trip (body read, empty answer)',
  'JSON.parse of the body',
  'decode + validate',
  'catalog hash (at the door)',
  'log append, durable (one fsync each)',
  'log read from the file (row → event)',
  'projection apply (one transaction each)',
] as const;
export type ProfileStage = typeof PROFILE_STAGES[number];

/** Mean microseconds per command, per stage and command. */
export type StageProfile = Map<ProfiledCommand, Map<ProfileStage, number>>;

interface Payload { readonly command: string; readonly version: number; readonly body: string }

/** The generator's node-00001 payloads (pass 1 and pass 2), written by its `--dump`. */
function dumpPayloads(pdbLoad: string, dir: string): Record<ProfiledCommand, Payload> {
  for (const pass of ['1', '2']) {
    const r = spawnSync(process.execPath, [pdbLoad, '--dry-run', '--nodes', '1', '--pass', pass, '--dump', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pdb-load --dump failed: ${r.stderr}`);
  }
  const file = (prefix: string, pass: number): string => {
    const name = readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith(`-pass${pass}.json`));
    if (!name) throw new Error(`pdb-load wrote no ${prefix}*-pass${pass}.json`);
    return readFileSync(join(dir, name), 'utf8');
  };
  const first = JSON.parse(file('catalog-', 1)) as Record<string, unknown>;
  const second = JSON.parse(file('catalog-', 2)) as Record<string, unknown>;
  // Pass 2's metadata with pass 1's resources and edges: the hash-match path,
  // whether or not the generator drifted this node.
  const unchanged = { ...second, resources: first['resources'], edges: first['edges'] };
  // Later still, every 20th resource's parameters changed (5 %, as an agent's drift): the diffed rewrite.
  const changed = {
    ...unchanged,
    producer_timestamp: new Date(Date.parse(String(second['producer_timestamp'])) + 1000).toISOString(),
    resources: (first['resources'] as { parameters?: object }[]).map((r, i) => (i % 20 === 0 ? { ...r, parameters: { ...r.parameters, drift: 'profile' } } : r)),
  };
  return {
    facts: { command: 'replace_facts', version: 5, body: JSON.stringify(JSON.parse(file('facts-', 1))) },
    'new catalog': { command: 'replace_catalog', version: 9, body: JSON.stringify(first) },
    'unchanged catalog': { command: 'replace_catalog', version: 9, body: JSON.stringify(unchanged) },
    'changed catalog': { command: 'replace_catalog', version: 9, body: JSON.stringify(changed) },
  };
}

/** A loopback server that reads each body whole and answers 200 with nothing. */
async function sink(): Promise<{ server: Server; post: (body: string) => Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => { Buffer.concat(chunks); res.end(); });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  const post = (body: string): Promise<void> => new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', ok);
    });
    req.on('error', fail);
    req.end(body);
  });
  return { server, post };
}

/** Renames the payload's node so every iteration is a node of its own (pass 1) or the same one again (pass 2). */
const forNode = (body: string, certname: string): string => body.replaceAll('"node-00001"', JSON.stringify(certname));

/**
 * Profiles `iterations` commands of each kind. New catalogs go to fresh
 * nodes; unchanged catalogs to nodes that already hold the same catalog;
 * changed catalogs to the same nodes again, 5 % of the resources changed.
 */
export async function profileStoreconfigsCommand(pdbLoad: string, iterations = 200): Promise<StageProfile> {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-profile-'));
  const { server, post } = await sink();
  const log = new SqliteEventLog({ path: join(dir, 'events.db') });
  // The projection thread reads rows from the file, not the writer's in-memory tail.
  const reader = new SqliteEventLog({ path: join(dir, 'events.db') });
  const commands = new CatalogReferences(log);
  const projection = StoreconfigsProjection.open({ path: join(dir, 'storeconfigs.db'), catalogBodies: reader.catalogBodies() });
  const payloads = dumpPayloads(pdbLoad, dir);
  const profile: StageProfile = new Map();
  try {
    for (const kind of ['facts', 'new catalog', 'unchanged catalog', 'changed catalog'] as const) {
      const totals = new Map<ProfileStage, number>(PROFILE_STAGES.map((s) => [s, 0]));
      const add = (stage: ProfileStage, since: number): number => {
        const now = performance.now();
        totals.set(stage, totals.get(stage)! + (now - since));
        return now;
      };
      for (let i = 0; i < iterations; i++) {
        // Unchanged catalogs go to the nodes the new-catalog round stored.
        const certname = `profile-${String(i).padStart(5, '0')}`;
        const body = forNode(payloads[kind].body, certname);
        let t = performance.now();
        await post(body);
        t = add('HTTP round trip (body read, empty answer)', t);
        const parsed: unknown = JSON.parse(body);
        t = add('JSON.parse of the body', t);
        const decoded = decodePdbCommand(
          { command: payloads[kind].command, version: payloads[kind].version, certname, body: parsed },
          { id: randomUUID(), now: new Date().toISOString(), meta: { source: 'http' } },
        );
        if (!decoded.ok) throw new Error(`${kind}: ${decoded.error.message}`);
        t = add('decode + validate', t);
        let event = decoded.value;
        if (event.type === 'catalog_submitted' && event.data.bodyOf === undefined) {
          event = { ...event, data: { ...event.data, hash: catalogHash(event.data.catalog) } };
          t = add('catalog hash (at the door)', t);
        }
        const [outcome] = await commands.append([{ event }]);
        if (outcome?.status !== 'appended') throw new Error(`${kind}: append ${outcome?.status}`);
        t = add('log append, durable (one fsync each)', t);
        const events: readonly RecordedEvent[] = await reader.read(outcome.position - 1, { limit: 1 });
        t = add('log read from the file (row → event)', t);
        projection.apply(events);
        add('projection apply (one transaction each)', t);
      }
      profile.set(kind, new Map([...totals].map(([s, ms]) => [s, (ms * 1000) / iterations])));
    }
  } finally {
    server.close();
    await log.close();
    await reader.close();
    await projection.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return profile;
}

/** The profile as a Markdown table: one row per stage, one column per command. */
export function profileTable(profile: StageProfile): string {
  const kinds = [...profile.keys()];
  const us = (v: number | undefined): string => (v === undefined || v === 0 ? '' : Math.round(v).toLocaleString('en-US'));
  const rows = PROFILE_STAGES.map((s) => `| ${s} | ${kinds.map((k) => us(profile.get(k)!.get(s))).join(' | ')} |`);
  const total = `| **total** | ${kinds.map((k) => us([...profile.get(k)!.values()].reduce((a, v) => a + v, 0))).join(' | ')} |`;
  return [`| stage (µs per command) | ${kinds.join(' | ')} |`, `|---|${kinds.map(() => '---:').join('|')}|`, ...rows, total].join('\n');
}
