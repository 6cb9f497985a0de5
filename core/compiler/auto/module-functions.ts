/**
 * Whether the built-in compiler implements module `module`'s Ruby
 * function `name` natively (e.g. `('stdlib', 'pick')`, or
 * `('stdlib', 'stdlib::ensure')`: `name` is the function's name as Puppet
 * code calls it, `module` the directory under `modules/` that ships it), so
 * an environment that calls it can still be compiled by the built-in. The
 * one place `--compiler auto` asks; none are implemented yet, so every
 * module Ruby function in use sends its environment to real Puppet.
 */
export function implementsModuleFunction(_module: string, _name: string): boolean {
  return false;
}
