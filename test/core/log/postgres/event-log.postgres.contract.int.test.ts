import { PostgresEventLog } from '../../../../core/log/postgres/event-log.postgres.js';
import { postgresSkip, testPostgres } from '../../../support/postgres.fixture.js';
import { eventLogContract } from '../event-log.contract.js';

const server = postgresSkip ? undefined : testPostgres();

eventLogContract({
  name: 'PostgreSQL',
  skip: postgresSkip,
  newStore: async () => {
    const connectionString = await server!.newDatabase();
    // Any number of instances may append: sharedWriters changes nothing here.
    return { open: ({ sharedWriters: _, ...options } = {}) => PostgresEventLog.open({ connectionString, ...options }) };
  },
  cleanup: async () => server?.stop(),
});
