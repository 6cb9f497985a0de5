/** One rule: a glob (`web-*`) or a `/regex/`, and the catalog file it selects. */
export interface NodeRule {
  readonly match: string;
  readonly catalog: string;
}

/** Selects a value per certname; the first matching rule wins, as node definitions do. */
export class NodeRules {
  private readonly compiled: ReadonlyArray<{ test: RegExp; catalog: string }>;

  constructor(rules: readonly NodeRule[]) {
    this.compiled = rules.map((r) => ({ test: toRegExp(r.match), catalog: r.catalog }));
  }

  match(certname: string): string | undefined {
    return this.compiled.find((r) => r.test.test(certname))?.catalog;
  }
}

function toRegExp(pattern: string): RegExp {
  if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/')) return new RegExp(pattern.slice(1, -1));
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}
