import type { DeployableNodes } from './deploy-feeder.js';

/**
 * A deployment's nodes narrowed to a selector's certnames: the same pages
 * in the same order (by certname), with the unselected left out. A page
 * shorter than `limit` still means the end, as the feeder reads it.
 * `selected` is bounded by the query engine's row limit.
 */
export function selectedDeployableNodes(nodes: DeployableNodes, selected: ReadonlySet<string>): DeployableNodes {
  return {
    async count(environment, codeId) {
      let n = 0;
      await walk(environment, codeId, null, Infinity, () => { n++; });
      return n;
    },
    async page(environment, codeId, after, limit) {
      const out: string[] = [];
      await walk(environment, codeId, after, limit, (c) => { out.push(c); });
      return out;
    },
  };

  /** Visits selected deployable certnames after `after`, at most `limit`. */
  async function walk(environment: string, codeId: string, after: string | null, limit: number, visit: (certname: string) => void): Promise<void> {
    const pageSize = 500;
    let seen = 0;
    for (let cursor = after; seen < limit;) {
      const page = await nodes.page(environment, codeId, cursor, pageSize);
      for (const c of page) {
        if (!selected.has(c)) continue;
        visit(c);
        if (++seen >= limit) return;
      }
      if (page.length < pageSize) return;
      cursor = page[page.length - 1]!;
    }
  }
}
