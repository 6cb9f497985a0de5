import type { Degradation } from '../../core/errors/resource-fault.js';
import { log } from '../log/logger.js';

/** Logs a component's degraded/recovered transition (one line each, never per retry). */
export function logHealthChange(now: Degradation | undefined, ended: Degradation | undefined): void {
  if (now) log.error({ component: now.component, reason: now.reason }, `${now.component} degraded: ${now.reason}; retrying with back-off`);
  else if (ended) {
    const seconds = Math.round((Date.now() - Date.parse(ended.since)) / 100) / 10;
    log.warn({ component: ended.component, seconds, was: ended.reason }, `${ended.component} recovered after ${seconds.toFixed(1)} s (was: ${ended.reason})`);
  }
}
