import type { AdmissionGate } from '../../admission/admission-gate.js';
import type { EventLog } from '../../../core/log/event-log.js';
import { TroupeError } from '../../../core/errors/troupe-error.js';
import { StompConnection, type OutgoingMessage, type StompConnectionOptions, type StompConnectionStatus } from './stomp-connection.js';
import { StompIngest, type StompIngestOptions, type StompIngestStatus } from './stomp-ingest.js';
import { StompPush, type StompPushOptions, type StompPushStatus } from './stomp-push.js';

export interface StompTransportOptions extends Omit<StompConnectionOptions, 'onEvent'> {
  readonly log: EventLog;
  /** Where ingested commands are appended (e.g. a CatalogReferences over `log`). @defaultValue `log` */
  readonly commands?: Pick<EventLog, 'append'>;
  /** Admission control; while shut, ingestion takes no more messages. @defaultValue always open */
  readonly gate?: AdmissionGate;
  /** Ingestion settings; `false` disables ingestion. @defaultValue `{}` (see DEFAULT_STOMP_INGEST_OPTIONS) */
  readonly ingest?: Omit<StompIngestOptions, 'gate'> | false;
  /** Catalog push settings; omitted or `false` disables pushing. @defaultValue false */
  readonly push?: StompPushOptions | false;
  /** Connection lifecycle, for logging. @defaultValue none */
  readonly onEvent?: StompConnectionOptions['onEvent'];
}

export interface StompTransportStatus {
  readonly connections: { readonly ingest: StompConnectionStatus | null; readonly push: StompConnectionStatus | null };
  readonly ingest: StompIngestStatus | null;
  readonly push: StompPushStatus | null;
}

export interface StompTransport {
  status(): StompTransportStatus;
  /** Sends a message on the push connection (a node's "run now"); fails when pushing is off or the buffer is full. */
  publish(m: OutgoingMessage): Promise<void>;
  /** Idempotent: stops pushing and ingesting, then disconnects. */
  close(): Promise<void>;
}

/**
 * Wires the STOMP transport for `troupe serve`: one connection for
 * ingestion and one for pushing catalogs (so a slow push never delays acks),
 * both reconnecting on their own. Returns at once; connecting happens in
 * the background.
 *
 * @example
 * const stomp = startStompTransport({
 *   brokerUrl: 'stomp://127.0.0.1:61613', log, gate,
 *   push: { checkpoints: app.checkpoints },   // or { checkpointPath: FILE }
 * });
 * // … on shutdown, before log.close():
 * await stomp.close();
 */
export function startStompTransport(options: StompTransportOptions): StompTransport {
  const { log, commands = log, gate, ingest: ingestOptions = {}, push: pushOptions = false, ...connectionOptions } = options;
  const ingestConnection = ingestOptions === false ? null : new StompConnection(connectionOptions).start();
  const pushConnection = pushOptions === false ? null : new StompConnection(connectionOptions).start();
  const ingest = ingestConnection && ingestOptions !== false
    ? new StompIngest(ingestConnection, commands, { ...ingestOptions, ...(gate ? { gate } : {}) }).start()
    : null;
  const push = pushConnection && pushOptions !== false ? new StompPush(pushConnection, log, pushOptions).start() : null;
  let closing: Promise<void> | undefined;
  return {
    status: () => ({
      connections: { ingest: ingestConnection?.status() ?? null, push: pushConnection?.status() ?? null },
      ingest: ingest?.status() ?? null,
      push: push?.status() ?? null,
    }),
    publish: (m) => {
      if (!pushConnection) return Promise.reject(new TroupeError('not_found', 'pushing over STOMP is off'));
      return pushConnection.publish(m);
    },
    close: () => {
      closing ??= (async () => {
        await Promise.all([push?.close(), ingest?.close()]);
        await Promise.all([pushConnection?.close(), ingestConnection?.close()]);
      })();
      return closing;
    },
  };
}
