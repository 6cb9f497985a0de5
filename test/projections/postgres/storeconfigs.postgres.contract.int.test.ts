import { createPdbQueryEngine, type PostgresQuerySource } from '../../../projections/query/pdb-query.engine.js';
import { storeconfigsQueries } from '../../../projections/storeconfigs/storeconfigs.queries.js';
import { PostgresStoreconfigsProjection } from '../../../projections/postgres/storeconfigs.projection.postgres.js';
import { postgresSkip, testPostgres } from '../../support/postgres.fixture.js';
import { storeconfigsContract } from '../storeconfigs.contract.js';

const server = postgresSkip ? undefined : testPostgres();
let database: Promise<string> | undefined;

storeconfigsContract({
  name: 'PostgreSQL',
  skip: postgresSkip,
  // One database for the file, a schema per store (as troupe serve keeps storeconfigs beside the log).
  async open(id) {
    const projection = await PostgresStoreconfigsProjection.open({ connectionString: await (database ??= server!.newDatabase()), schema: id.replaceAll('-', '_') });
    return {
      get checkpoint() { return projection.checkpoint; },
      apply: (batch) => projection.apply(batch),
      engine: createPdbQueryEngine(projection.database as PostgresQuerySource),
      queries: storeconfigsQueries(projection.database.db),
      rows: async (table) => (await projection.database.pool.query(`SELECT * FROM ${table}`)).rows as Record<string, unknown>[],
      close: () => projection.close(),
    };
  },
  cleanup: async () => server?.stop(),
});
