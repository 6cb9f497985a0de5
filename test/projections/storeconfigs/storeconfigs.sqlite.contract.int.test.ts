import { SQLITE_BACKEND, storeconfigsContract } from '../storeconfigs.contract.js';

storeconfigsContract(SQLITE_BACKEND());
