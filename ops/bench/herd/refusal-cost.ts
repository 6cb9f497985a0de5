import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { send } from '../../fleet/agent-http.js';
import { AGENT_APIS } from '../../fleet/fleet-agent.js';
import type { ServeChild } from '../support/serve-child.js';

/** One way of being refused: an attempt on a connection of its own, answering its HTTP status (0 for none). */
export interface RefusalDoor {
  readonly name: string;
  /** `lane` numbers the concurrent callers, so a door may keep state per caller (a TLS session to resume). */
  attempt(s: ServeChild, index: number, lane: number): Promise<number>;
}

export interface RefusalCost {
  readonly door: string;
  readonly attempts: number;
  /** Attempts answered anything but 503 (the gate let them through or they failed). */
  readonly not503: number;
  /** CPU of the server's primary (it runs TLS and HTTP) per attempt, µs, net of its idle CPU over the same time. */
  readonly serverUs: number;
  /** The primary's idle CPU, measured before the attempts, ms per second (subtracted from serverUs). */
  readonly idleMsPerSecond: number;
  /** CPU of this generator per attempt, µs. */
  readonly generatorUs: number;
}

/** How long the primary's idle CPU is measured before the attempts. */
const IDLE_MS = 5000;

/** A node whose compile runs until the compile timeout, holding the one admission slot meanwhile. */
const HOLDER = { certname: 'hold.example.com', facts: {} };

/** Where `serve` gets its code for `measureRefusals`: the holder's endless compile, an empty catalog for every other node. */
export function holdingSite(): string {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-bench-hold-'));
  mkdirSync(join(dir, 'manifests'));
  writeFileSync(join(dir, 'manifests/site.pp'), `node '${HOLDER.certname}' { 100000.each |$i| { 100000.each |$j| { } } }\nnode default { }\n`);
  return dir;
}

/** `troupe serve` arguments for `measureRefusals`: one admission slot, and a compile that may hold it for a minute. */
export const HOLDING_ARGS = ['--workers', '1', '--admission-high-water', '1', '--compile-max-steps', '100000000000', '--compile-timeout-ms', '60000'];

/**
 * What refusing a catalog request costs the server, door by door: with the
 * admission gate held shut (the holder's compile takes the one slot), every
 * catalog request takes the fast refusal path, so the primary's CPU over
 * the attempts is the price of accepting, answering 503 and closing,
 * handshake included. `attempts` per door, `lanes` at a time.
 */
export async function measureRefusals(s: ServeChild, doors: readonly RefusalDoor[], attempts: number, lanes = 16): Promise<RefusalCost[]> {
  // Never answered in time: the server is stopped with it still compiling.
  void send(new URL(s.url), AGENT_APIS.v4.catalog(HOLDER, crypto.randomUUID()), 120_000).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 1000)); // the holder's request appended, the gate shut
  // The primary's own timers (stats, log, projection) cost CPU with no request at all: measured, then subtracted,
  // as a slow door (clients that wait and give up) would otherwise be charged for them.
  const idle0 = s.cpuSeconds().primary; const idleStarted = performance.now();
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const idlePerSecond = (s.cpuSeconds().primary - idle0) / ((performance.now() - idleStarted) / 1000);
  const costs: RefusalCost[] = [];
  for (const door of doors) {
    let next = 0; let not503 = 0;
    const cpu0 = s.cpuSeconds().primary; const gen0 = process.cpuUsage(); const started = performance.now();
    await Promise.all(Array.from({ length: lanes }, async (_x, lane) => {
      while (next < attempts) if ((await door.attempt(s, next++, lane)) !== 503) not503++;
    }));
    const gen = process.cpuUsage(gen0);
    const idle = idlePerSecond * ((performance.now() - started) / 1000);
    costs.push({
      door: door.name, attempts, not503, serverUs: (Math.max(0, s.cpuSeconds().primary - cpu0 - idle) * 1e6) / attempts,
      idleMsPerSecond: idlePerSecond * 1000, generatorUs: (gen.user + gen.system) / attempts,
    });
    console.log(`refusal cost: ${JSON.stringify(costs.at(-1))}`);
  }
  return costs;
}
