import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isListening } from './activemq.js';

/** A RabbitMQ with its STOMP plugin for one test file. */
export interface TestRabbitMq {
  readonly url: string;
  /** Stops the broker and removes its data. */
  close(): Promise<void>;
}

const SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';
const CTL = '/usr/lib/rabbitmq/bin/rabbitmqctl';

/** `rabbitmqctl await_startup` against the node `env` names: true once it has booted completely. */
function awaitStartup(env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    const ctl = spawn(CTL, ['-n', env['RABBITMQ_NODENAME']!, 'await_startup', '--timeout', '60'], { env, cwd: env['HOME'], stdio: 'ignore' });
    ctl.once('error', () => resolve(false));
    ctl.once('exit', (code) => resolve(code === 0));
  });
}

/**
 * Starts a private RabbitMQ node (its own name, data directory and Erlang
 * distribution port) listening for STOMP only, on `port`. `guest`/`guest`
 * is allowed from loopback, as RabbitMQ ships, unless `definitions` (a
 * definitions JSON file) brings its own users. Rejects, so the test fails
 * (never skips), when it does not come up within 60 s.
 */
export async function startTestRabbitMq(port: number, options: { definitions?: string } = {}): Promise<TestRabbitMq> {
  if (await isListening(port)) throw new Error(`port ${port} is taken; a test RabbitMQ needs it free`);
  const dir = mkdtempSync(join(tmpdir(), `troupe-rabbitmq-${port}-`));
  writeFileSync(join(dir, 'enabled_plugins'), '[rabbitmq_stomp].\n');
  // `definitions`: a definitions file (users, permissions, exchanges, queues) loaded at boot.
  const definitions = options.definitions === undefined ? '' : `load_definitions = ${options.definitions}\n`;
  writeFileSync(join(dir, 'rabbitmq.conf'), `listeners.tcp = none\nstomp.listeners.tcp.1 = 127.0.0.1:${port}\n${definitions}`);
  const env = {
    ...process.env, HOME: dir,
    RABBITMQ_NODENAME: `troupe${port}@localhost`, RABBITMQ_DIST_PORT: String(port + 1000),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'), RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'), RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq'),
    // The Erlang VM writes a crash dump into its working directory; keep it in the scratch dir.
    ERL_CRASH_DUMP: join(dir, 'erl_crash.dump'),
  };
  const server = spawn(SERVER, [], { env, cwd: dir, detached: true, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_r, reject) => server.once('error', reject));
  const close = async (): Promise<void> => {
    // RabbitMQ shuts down cleanly on SIGTERM; the group takes its Erlang VM along.
    try { process.kill(-server.pid!, 'SIGTERM'); } catch { /* already gone */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (!(await Promise.race([isListening(port), spawnError]))) {
    if (Date.now() > deadline || server.exitCode !== null) {
      await close();
      throw new Error(`RabbitMQ did not listen on ${port} (is the rabbitmq-server package installed?)`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // The STOMP listener opens before boot ends: definitions (users, vhost permissions) load after the
  // plugins start, and a CONNECT in between fails with "Processing error". Wait for the whole boot.
  if (!(await awaitStartup(env))) {
    await close();
    throw new Error(`RabbitMQ on ${port} listened but did not finish booting within 60 s`);
  }
  return { url: `stomp://127.0.0.1:${port}`, close };
}
