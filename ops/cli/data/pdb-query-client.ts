import { CliError } from '../cli-command.js';
import { request, type Target } from '../http-client.js';

/** Options of {@link queryRows}. */
export interface QueryRowsOptions {
  /** PuppetDB's `limit`. @defaultValue none: every row */
  readonly limit?: number;
}

/**
 * Asks a running Troupe's `/pdb/query/v4` (PQL or an AST, as PuppetDB's
 * root endpoint takes them) and returns its rows. A refusal is a CliError
 * carrying the server's own message (PuppetDB's parse error, with line and
 * column, for a PQL syntax error).
 */
export async function queryRows(target: Target, query: string, options: QueryRowsOptions = {}): Promise<unknown[]> {
  const body = JSON.stringify({ query, ...(options.limit === undefined ? {} : { limit: options.limit }) });
  const res = await request(target, 'POST', '/pdb/query/v4', body);
  if (res.status !== 200) throw new CliError(refusalText(res.status, res.json));
  if (!Array.isArray(res.json)) throw new CliError(`unexpected answer from ${target.url}/pdb/query/v4: ${JSON.stringify(res.json).slice(0, 200)}`);
  return res.json;
}

/** The server's reason: PuppetDB's plain-text message, or Troupe's `{error}`. */
function refusalText(status: number, answer: unknown): string {
  const reason = typeof answer === 'string' ? answer.trim()
    : typeof (answer as { error?: unknown } | null)?.error === 'string' ? (answer as { error: string }).error
      : JSON.stringify(answer);
  return status === 400 ? reason : `HTTP ${status}: ${reason}`;
}
