/**
 * Ruby's garbage-collector settings for the long-lived Puppet compile
 * processes (docs/compiler.md, "Ruby's garbage collector"). Ruby's defaults
 * suit short scripts: a loaded Puppet holds ~245 000 live object slots and
 * the heap grows just past that, so a compile (~18 000 objects of the
 * example site) found the heap full every ~4 compiles and each GC swept
 * the whole heap: 1.6 ms of GC per 12 ms compile, and a major GC every
 * ~100. With room for 600 000 slots from the start, a minor GC comes every
 * ~25 compiles and GC costs ~0.8 ms a compile, for ~32 MB more resident
 * memory per process (~100 MB instead of ~70 MB; `puppetMaxRssMb` still
 * bounds it). Raising the malloc limits (`RUBY_GC_MALLOC_LIMIT*`) changed
 * nothing measurable: the slots are what fills. A value already in Troupe's
 * own environment wins, so an operator can tune a site whose code is
 * larger (`RUBY_GC_HEAP_INIT_SLOTS` near twice its live slots, GC.stat).
 */
export const RUBY_GC_SETTINGS: Readonly<Record<string, string>> = {
  RUBY_GC_HEAP_INIT_SLOTS: '600000',
};

/** The environment a Ruby compile process starts with: Troupe's own, with the GC settings it does not set itself. */
export function rubyEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...RUBY_GC_SETTINGS, ...env };
}
