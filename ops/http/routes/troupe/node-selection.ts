import { isTroupeError } from '../../../../core/errors/troupe-error.js';
import type { PqlAst } from '../../../../core/pql/pql-ast.js';
import { selectedNodes } from '../../../../projections/query/selected-nodes.query.js';
import type { PdbQueryEngine } from '../../../../projections/query/pdb-query.engine.js';
import { HttpError } from '../../http-io.js';

/**
 * The nodes a request's `select` condition picks, now; a condition the
 * query engine refuses is the request's 400 (`select: <PuppetDB's reason>`),
 * before anything is recorded or published.
 */
export async function selectionOf(engine: Pick<PdbQueryEngine, 'query'>, condition: PqlAst | null): Promise<string[]> {
  try {
    return await selectedNodes(engine, condition);
  } catch (e) {
    if (isTroupeError(e) && e.code === 'invalid_input') throw new HttpError(400, `select: ${e.message}`);
    throw e;
  }
}
