import type { PuppetFunction } from '../puppet-function.types.js';
import { dispatchArity, legacyArity } from './ruby-interop.js';
import { STDLIB_CATALOG_FUNCTIONS } from './stdlib-catalog.functions.js';
import { STDLIB_COLLECTION_FUNCTIONS } from './stdlib-collection.functions.js';
import { STDLIB_CONVERSION_FUNCTIONS } from './stdlib-conversion.functions.js';
import { STDLIB_NODE_FUNCTIONS } from './stdlib-node.functions.js';
import { STDLIB_VALIDATION_FUNCTIONS } from './stdlib-validation.functions.js';

/** The `arity` stdlib 8.5's 3.x functions declare (`newfunction(…, arity: n)`), which Puppet checks before calling. */
const ARITIES: Readonly<Record<string, number>> = {
  clamp: -2, convert_base: 2, count: -2, dig44: -2, dos2unix: 1, fqdn_rand_string: -2, is_absolute_path: 1, seeded_rand: 2, try_get_value: -2, unix2dos: 1,
};

/** How many arguments stdlib 8.5's 4.x functions' dispatches take, which Puppet checks before calling (`[min, max]`). */
const DISPATCH_ARITIES: Readonly<Record<string, readonly [number, number]>> = {
  to_json: [1, 1], to_json_pretty: [1, 3], to_yaml: [1, 2], type_of: [1, 1], is_a: [2, 2], fact: [1, 1], os_version_gte: [2, 2],
  seeded_rand_string: [2, 3], 'stdlib::start_with': [2, 2], 'stdlib::end_with': [2, 2], 'stdlib::extname': [1, 1], 'stdlib::xml_encode': [1, 2],
  'stdlib::ip_in_range': [2, 2], batch_escape: [1, 1], powershell_escape: [1, 1], to_python: [1, 1], to_ruby: [1, 1], deprecation: [2, 2],
  ensure_packages: [1, 2], validate_legacy: [3, Infinity], parsepson: [1, 2],
};

/** Each function behind Puppet's argument-count check for it. */
function withArities(fns: Record<string, PuppetFunction>): Record<string, PuppetFunction> {
  return Object.fromEntries(Object.entries(fns).map(([name, fn]) => {
    const arity = ARITIES[name];
    const dispatch = DISPATCH_ARITIES[name];
    const checked: PuppetFunction = (c, args, scope, loc, lambda) => {
      if (arity !== undefined) legacyArity(name, arity, args.length);
      if (dispatch) dispatchArity(name, args, dispatch[0], dispatch[1]);
      return fn(c, args, scope, loc, lambda);
    };
    return [name, arity === undefined && !dispatch ? fn : checked];
  }));
}

/**
 * puppetlabs-stdlib 8.5's Ruby functions the builtin compiler implements
 * natively, by the name Puppet calls them. Functions Puppet 7 itself ships
 * under the same name (`keys`, `flatten`, `upcase`, `size`, …) shadow
 * stdlib's and are not here; functions whose result depends on the time or
 * the compiling host (`time`, `glob`, `loadyaml`, `pw_hash`, …) are not
 * either.
 */
export const STDLIB_FUNCTIONS: Readonly<Record<string, PuppetFunction>> = withArities({
  ...STDLIB_COLLECTION_FUNCTIONS, ...STDLIB_CONVERSION_FUNCTIONS, ...STDLIB_VALIDATION_FUNCTIONS, ...STDLIB_CATALOG_FUNCTIONS,
  ...STDLIB_NODE_FUNCTIONS,
});
