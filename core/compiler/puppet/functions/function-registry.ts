import { CATALOG_FUNCTIONS } from './catalog.functions.js';
import { COLLECTION_FUNCTIONS } from './collection.functions.js';
import { CONVERSION_FUNCTIONS } from './conversion.functions.js';
import { CONTROL_FUNCTIONS } from './control.functions.js';
import { LOG_FUNCTIONS } from './log.functions.js';
import type { PuppetFunction } from './puppet-function.types.js';
import { STRING_FUNCTIONS } from './string.functions.js';

/** Every built-in function by name (the functions Puppet 7 itself ships). */
export const FUNCTIONS: Readonly<Record<string, PuppetFunction>> = {
  ...LOG_FUNCTIONS, ...CONTROL_FUNCTIONS, ...STRING_FUNCTIONS, ...COLLECTION_FUNCTIONS, ...CATALOG_FUNCTIONS, ...CONVERSION_FUNCTIONS,
};
