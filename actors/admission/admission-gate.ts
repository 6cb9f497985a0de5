/**
 * What transports need to know about admission control: whether new work
 * may come in now, and a way to wait until it may. HTTP answers 503 while
 * the gate is shut; STOMP simply stops taking messages (the broker buffers).
 */
export interface AdmissionGate {
  /** True while new work may be admitted. */
  readonly open: boolean;
  /** Resolves as soon as the gate is open (at once if it is). */
  whenOpen(): Promise<void>;
  /**
   * Takes slots for these compile requests, all or none; false when they
   * would carry pending compile work past the high-water mark.
   */
  reserveAll(requestIds: readonly string[]): boolean;
  /** Gives a slot back: its request was not appended, or was a duplicate. */
  release(requestId: string): void;
}

/** A gate that is always open, for tools and tests that need no admission. */
export const ALWAYS_OPEN: AdmissionGate = { open: true, whenOpen: () => Promise.resolve(), reserveAll: () => true, release: () => undefined };
