import { KurrentEventLog } from '../../../../core/log/kurrentdb/event-log.kurrentdb.js';
import { KurrentDbMockServer } from '../../../support/kurrentdb-client.mock.js';
import { eventLogContract } from '../event-log.contract.js';

// NOT evidence about a real KurrentDB server: the adapter against an
// in-memory stand-in of the client API it uses (test/support/kurrentdb-client.mock.ts).
// The real-server run is event-log.kurrentdb.int.test.ts (KURRENTDB_URL).
eventLogContract({
  name: 'KurrentDB adapter on an in-memory MOCK of the client (not a real server)',
  skip: false,
  newStore: async () => {
    const server = new KurrentDbMockServer();
    // Any number of instances may append: sharedWriters changes nothing here.
    return { open: ({ sharedWriters: _, ...options } = {}) => KurrentEventLog.open({ client: server.client(), pollIntervalMs: 50, ...options }) };
  },
});
