import pg from 'pg';

/** Options of {@link LogNotifications}. */
export interface LogNotificationsOptions {
  readonly connectionString: string;
  readonly channel: string;
  /** Called on every notification (another commit, from any instance). */
  readonly onNotify: () => void;
  /** Called when the LISTEN connection is lost or cannot be made (subscribers fall back to polling meanwhile). */
  readonly onLost?: (error: unknown) => void;
  /**
   * Delay before reconnecting after a lost connection: doubles from here up to 30 s.
   * @defaultValue 1000
   */
  readonly reconnectMs?: number;
}

/**
 * One LISTEN connection of its own (outside the pool), so live
 * subscriptions learn of commits by any instance within milliseconds. When
 * it is lost, it reconnects with back-off; subscribers still poll, so a
 * lost connection costs latency, never events. `close()` is idempotent.
 */
export class LogNotifications {
  private client: pg.Client | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(private readonly options: LogNotificationsOptions) {
    void this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.connectionString });
    this.client = client;
    client.on('notification', () => this.options.onNotify());
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client, new Error('LISTEN connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.options.channel)}`);
      this.failures = 0;
      // Commits made while no one listened: let subscribers look now.
      this.options.onNotify();
    } catch (e) {
      this.lost(client, e);
    }
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.options.onLost?.(error);
    const delay = Math.min(30_000, (this.options.reconnectMs ?? 1000) * 2 ** Math.min(this.failures++, 10));
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
