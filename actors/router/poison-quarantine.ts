import { createHash } from 'node:crypto';

/** Nodes remembered at once; beyond it the oldest is forgotten (it is merely retried). */
const MAX_QUARANTINED = 10_000;

/**
 * Nodes whose compile kept killing or hanging its worker. Their compile
 * requests fail at once, without a worker, until their facts or their
 * environment's code change; what a restart forgets costs at most the
 * attempt limit again.
 */
export class PoisonQuarantine {
  private readonly nodes = new Map<string, { readonly environment: string; readonly factsHash: string | null }>();

  get size(): number {
    return this.nodes.size;
  }

  add(certname: string, environment: string, facts: unknown): void {
    this.nodes.delete(certname);
    this.nodes.set(certname, { environment, factsHash: facts === undefined ? null : factsHash(facts) });
    if (this.nodes.size > MAX_QUARANTINED) this.nodes.delete(this.nodes.keys().next().value!);
  }

  has(certname: string): boolean {
    return this.nodes.has(certname);
  }

  /** New facts lift the quarantine when they differ from those that failed. */
  factsSubmitted(certname: string, facts: unknown): void {
    const q = this.nodes.get(certname);
    if (q && q.factsHash !== factsHash(facts)) this.nodes.delete(certname);
  }

  codeDeployed(environment: string): void {
    for (const [certname, q] of this.nodes) if (q.environment === environment) this.nodes.delete(certname);
  }
}

const factsHash = (facts: unknown): string => createHash('sha256').update(JSON.stringify(facts)).digest('hex');
