/** How long to wait before reconnect attempt `attempt` (1-based). */
export interface BackoffOptions {
  /**
   * First delay.
   * @defaultValue 250
   */
  readonly initialDelayMs?: number;
  /**
   * Upper bound of any delay.
   * @defaultValue 15_000
   */
  readonly maxDelayMs?: number;
}

export const DEFAULT_BACKOFF_OPTIONS = {
  initialDelayMs: 250,
  maxDelayMs: 15_000,
} as const satisfies Required<BackoffOptions>;

/**
 * Exponential back-off with "full jitter": a uniform delay in
 * [0, min(max, initial·2^(attempt-1))], so a fleet of consumers that lost
 * the same broker does not reconnect in lock-step. Attempt 0 waits nothing.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  if (attempt <= 0) return 0;
  const { initialDelayMs, maxDelayMs } = { ...DEFAULT_BACKOFF_OPTIONS, ...options };
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling * random());
}
