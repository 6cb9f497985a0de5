import type { PqlAst } from '../../core/pql/pql-ast.js';
import { selectorQuery } from '../../core/selector/node-selector.js';
import type { PdbQueryEngine } from './pdb-query.engine.js';

/**
 * The active nodes a selector condition picks (see core/selector), sorted,
 * each once. A condition the engine refuses throws its QueryError (a 400
 * with PuppetDB's reason); more nodes than the engine's `maxRows` too.
 */
export async function selectedNodes(engine: Pick<PdbQueryEngine, 'query'>, condition: PqlAst | null): Promise<string[]> {
  const { rows } = await engine.query(selectorQuery(condition), { activeOnly: true });
  return [...new Set(rows.map((r) => (r as { certname: string }).certname))].sort();
}
