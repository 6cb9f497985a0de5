import { randomUUID } from 'node:crypto';
import type { CompileDriftData } from '../../core/events/event.types.js';
import type { EventLog } from '../../core/log/event-log.js';

/**
 * Records what the shadow check (`--verify-sample`) found as a
 * `compile_drift` event on the node's stream, where `troupe events --node`
 * shows it next to the `catalog_compiled` it is about (same catalog uuid).
 */
export function createDriftRecorder(log: Pick<EventLog, 'append'>) {
  return async (certname: string, drift: CompileDriftData): Promise<void> => {
    await log.append([{
      event: { type: 'compile_drift', id: randomUUID(), stream: certname, time: new Date().toISOString(), meta: { source: 'actor' }, data: drift },
    }]);
  };
}
