import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TroupeApp } from '../../../ops/app/troupe-app.js';
import { defaultConfig, type TroupeConfig } from '../../../ops/config/troupe.config.js';
import { startHttpServer, type RunningHttpServer } from '../../../ops/http/http-server.js';

/** A real Troupe on a fresh data directory and a free loopback port. */
export interface TestTroupe {
  readonly app: TroupeApp;
  readonly http: RunningHttpServer;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export function testConfig(overrides: Partial<TroupeConfig> = {}): TroupeConfig {
  const dataDir = mkdtempSync(join(tmpdir(), 'troupe-test-'));
  return { ...defaultConfig(), dataDir, port: 0, durability: 'normal', compiler: 'static', ...overrides };
}

export async function startTestTroupe(overrides: Partial<TroupeConfig> = {}): Promise<TestTroupe> {
  const config = testConfig(overrides);
  const app = await TroupeApp.open(config);
  const http = await startHttpServer(app, '127.0.0.1', 0);
  return {
    app, http, dataDir: config.dataDir,
    async stop() {
      await http.close();
      await app.close();
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; headers: Headers; json: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, headers: res.headers, json };
}
