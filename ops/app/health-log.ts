import type { Degradation } from '../../core/errors/resource-fault.js';

/** Logs a component's degraded/recovered transition (one line each, never per retry). */
export function logHealthChange(now: Degradation | undefined, ended: Degradation | undefined): void {
  if (now) console.error(`${now.component} degraded: ${now.reason}; retrying with back-off`);
  else if (ended) console.error(`${ended.component} recovered after ${((Date.now() - Date.parse(ended.since)) / 1000).toFixed(1)} s (was: ${ended.reason})`);
}
