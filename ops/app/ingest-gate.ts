import type { AdmissionGate } from '../../actors/admission/admission-gate.js';

/**
 * The gate for broker-fed commands: open while compile admission is open
 * and the storeconfigs projection is less than `maxQueueDepth` events
 * behind — the same two limits the HTTP front door applies.
 */
export function ingestGate(compile: AdmissionGate, queueDepth: () => number, maxQueueDepth: number): AdmissionGate {
  const isOpen = (): boolean => compile.open && queueDepth() < maxQueueDepth;
  return {
    get open() {
      return isOpen();
    },
    async whenOpen() {
      while (!isOpen()) await new Promise((r) => setTimeout(r, 50));
    },
    reserveAll: (ids) => compile.reserveAll(ids),
    release: (id) => compile.release(id),
  };
}
