import type { PuppetFunction } from '../puppet-function.types.js';
import { STDLIB_CATALOG_FUNCTIONS } from './stdlib-catalog.functions.js';
import { STDLIB_COLLECTION_FUNCTIONS } from './stdlib-collection.functions.js';
import { STDLIB_CONVERSION_FUNCTIONS } from './stdlib-conversion.functions.js';
import { STDLIB_NODE_FUNCTIONS } from './stdlib-node.functions.js';
import { STDLIB_VALIDATION_FUNCTIONS } from './stdlib-validation.functions.js';

/**
 * puppetlabs-stdlib 8.5's Ruby functions the builtin compiler implements
 * natively, by the name Puppet calls them. Functions Puppet 7 itself ships
 * under the same name (`keys`, `flatten`, `upcase`, `size`, …) shadow
 * stdlib's and are not here; functions whose result depends on the time or
 * the compiling host (`time`, `glob`, `loadyaml`, `pw_hash`, …) are not
 * either.
 */
export const STDLIB_FUNCTIONS: Readonly<Record<string, PuppetFunction>> = {
  ...STDLIB_COLLECTION_FUNCTIONS, ...STDLIB_CONVERSION_FUNCTIONS, ...STDLIB_VALIDATION_FUNCTIONS, ...STDLIB_CATALOG_FUNCTIONS,
  ...STDLIB_NODE_FUNCTIONS,
};
