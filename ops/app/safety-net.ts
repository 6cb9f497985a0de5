import { log } from '../log/logger.js';

/**
 * The last line of defence, not how errors are handled: an exception no
 * code path caught is logged and counted (`/status` shows the count)
 * instead of taking down every node's service with it. Every request path
 * answers its own errors; a non-zero count here is a bug to report.
 */
export class SafetyNet {
  private static caught = 0;
  private static installed = false;

  static get unexpectedErrors(): number {
    return SafetyNet.caught;
  }

  /** Idempotent; `where` names the process in the log line. */
  static install(where: string): void {
    if (SafetyNet.installed) return;
    SafetyNet.installed = true;
    const report = (kind: string) => (e: unknown) => {
      SafetyNet.caught++;
      log.error({ err: e, where, caught: SafetyNet.caught }, `troupe ${where}: ${kind} (${SafetyNet.caught} so far), kept running`);
    };
    process.on('uncaughtException', report('uncaught exception'));
    process.on('unhandledRejection', report('unhandled rejection'));
  }
}
