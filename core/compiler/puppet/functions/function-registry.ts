import { callFunction } from './compile/call.function.js';
import { CATALOG_FUNCTIONS } from './compile/catalog.functions.js';
import { CONTROL_FUNCTIONS } from './compile/control.functions.js';
import { LOG_FUNCTIONS } from './compile/log.functions.js';
import { LOOKUP_FUNCTIONS } from './compile/lookup.functions.js';
import { MODULE_FILE_FUNCTIONS } from './compile/module-file.functions.js';
import { COLLECTION_FUNCTIONS } from './data/collection.functions.js';
import { DIGEST_FUNCTIONS } from './data/digest.functions.js';
import { NUMBER_FUNCTIONS } from './data/number.functions.js';
import { STRING_FUNCTIONS } from './data/string.functions.js';
import { TIME_FUNCTIONS } from './data/time.functions.js';
import { TYPE_FUNCTIONS } from './data/type.functions.js';
import type { PuppetFunction } from './puppet-function.types.js';

/** Every built-in function by name (the functions Puppet 7 itself ships). */
const table: Record<string, PuppetFunction> = {
  ...LOG_FUNCTIONS, ...CONTROL_FUNCTIONS, ...STRING_FUNCTIONS, ...COLLECTION_FUNCTIONS, ...CATALOG_FUNCTIONS, ...TYPE_FUNCTIONS, ...TIME_FUNCTIONS, ...DIGEST_FUNCTIONS,
  ...NUMBER_FUNCTIONS, ...LOOKUP_FUNCTIONS, ...MODULE_FILE_FUNCTIONS,
};
table.call = callFunction(table);
export const FUNCTIONS: Readonly<Record<string, PuppetFunction>> = table;
