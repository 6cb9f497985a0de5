import type { PuppetFunction } from './puppet-function.types.js';
import { APACHE_FUNCTIONS } from './modules/apache.functions.js';
import { MEMCACHED_FUNCTIONS } from './modules/memcached.functions.js';
import { MYSQL_FUNCTIONS } from './modules/mysql.functions.js';
import { POSTGRESQL_FUNCTIONS } from './modules/postgresql.functions.js';
import { SSH_FUNCTIONS } from './modules/ssh.functions.js';
import { TRANSLATE_FUNCTIONS } from './modules/translate.functions.js';
import { STDLIB_FUNCTIONS } from './stdlib/stdlib-functions.js';

/**
 * Native implementations of functions modules ship in Ruby
 * (`<module>/lib/puppet/functions/<name>.rb`, 4.x API, or
 * `<module>/lib/puppet/parser/functions/<name>.rb`, 3.x API), keyed by
 * module and function name. The builtin compiler calls one only when the
 * environment's module path has that module's Ruby file for the function,
 * as Puppet would load it; without the module the function stays unknown.
 */
const NATIVE_MODULE_FUNCTIONS: Readonly<Record<string, Readonly<Record<string, PuppetFunction>>>> = {
  stdlib: STDLIB_FUNCTIONS,
  apache: APACHE_FUNCTIONS,
  memcached: MEMCACHED_FUNCTIONS,
  mysql: MYSQL_FUNCTIONS,
  postgresql: POSTGRESQL_FUNCTIONS,
  ssh: SSH_FUNCTIONS,
  translate: TRANSLATE_FUNCTIONS,
};

/** The native implementation of module `module`'s Ruby function `name`, if the builtin has one. */
export function nativeModuleFunction(module: string, name: string): PuppetFunction | undefined {
  const fns = Object.hasOwn(NATIVE_MODULE_FUNCTIONS, module) ? NATIVE_MODULE_FUNCTIONS[module]! : undefined;
  return fns && Object.hasOwn(fns, name) ? fns[name] : undefined;
}

/**
 * Whether the builtin compiler implements module `module`'s Ruby function
 * `name` natively (`implementsModuleFunction('stdlib', 'pick')`): a site
 * whose Ruby functions all answer true needs no real Puppet for them.
 */
export function implementsModuleFunction(module: string, name: string): boolean {
  return nativeModuleFunction(module, name) !== undefined;
}
