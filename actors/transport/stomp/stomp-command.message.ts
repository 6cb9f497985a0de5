import { PDB_COMMANDS, type PdbCommandName } from '../../../core/wire/pdb-command.decoder.js';
import { STOMP_HEADERS } from './stomp-command.decoder.js';
import type { OutgoingMessage } from './stomp-connection.js';
import { DEFAULT_STOMP_INGEST_OPTIONS } from './stomp-ingest.js';

export interface PdbCommandMessageInput {
  readonly command: PdbCommandName;
  /** @defaultValue the version Troupe speaks ({@link PDB_COMMANDS}) */
  readonly version?: number;
  readonly certname: string;
  /** The PuppetDB command payload (it names the same certname). */
  readonly payload: unknown;
  /** A producer-chosen unique id: re-sending it never makes a second event. */
  readonly eventId?: string;
  /** @defaultValue '/queue/troupe.commands' */
  readonly destination?: string;
  /**
   * The sender's broker login, sent as `user-id`: RabbitMQ refuses the
   * message unless it is the login, and passes it on as the sender's
   * identity (see `StompSenderPolicy`). @defaultValue none
   */
  readonly sender?: string;
}

/**
 * A PuppetDB command as a STOMP message for Troupe's command queue: wire
 * format in the body, `command`/`version`/`certname` headers, `persistent`,
 * and `JMSXGroupID` = certname so that with several competing Troupe
 * consumers all of one node's commands go to one consumer, in order.
 * Send it with `StompConnection.publish` or any STOMP client.
 *
 * @example
 * await connection.publish(pdbCommandMessage({ command: 'replace_facts', certname: 'web1', payload: facts }));
 */
export function pdbCommandMessage(input: PdbCommandMessageInput): OutgoingMessage {
  return {
    destination: input.destination ?? DEFAULT_STOMP_INGEST_OPTIONS.destination,
    headers: {
      persistent: 'true',
      'content-type': 'application/json',
      [STOMP_HEADERS.command]: input.command,
      [STOMP_HEADERS.version]: String(input.version ?? PDB_COMMANDS[input.command]),
      [STOMP_HEADERS.certname]: input.certname,
      [STOMP_HEADERS.group]: input.certname,
      ...(input.eventId ? { [STOMP_HEADERS.eventId]: input.eventId } : {}),
      ...(input.sender ? { [STOMP_HEADERS.sender]: input.sender } : {}),
    },
    body: JSON.stringify(input.payload),
  };
}
