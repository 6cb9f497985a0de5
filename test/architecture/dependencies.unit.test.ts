import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../ops/config/package-root.js';

const root = packageRoot();
const LAYERS = ['core', 'actors', 'projections', 'ops'] as const;
type Layer = (typeof LAYERS)[number];
/** Which layers each layer may import: ops → actors → core, projections → core. */
const ALLOWED: Record<Layer, readonly Layer[]> = {
  core: ['core'],
  actors: ['actors', 'core'],
  projections: ['projections', 'core'],
  ops: ['ops', 'actors', 'projections', 'core'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []);
}

/** Relative imports of a file; `typesOnly: false` leaves out `import type` (erased at runtime). */
function imports(file: string, withTypes = true): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(import type|import|export)\b[^'";]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)]
    .filter((m) => withTypes || m[1] !== 'import type')
    .map((m) => resolve(dirname(file), (m[2] ?? m[3])!.replace(/\.js$/, '.ts')));
}

describe('architecture', () => {
  it('keeps dependencies pointing ops → actors → core and projections → core', () => {
    const violations: string[] = [];
    for (const layer of LAYERS) {
      for (const file of sources(join(root, layer))) {
        for (const target of imports(file)) {
          const to = relative(root, target).split('/')[0] as Layer;
          if (LAYERS.includes(to) && !ALLOWED[layer].includes(to)) violations.push(`${relative(root, file)} → ${relative(root, target)}`);
        }
      }
    }
    assert.deepEqual(violations, []);
  });

  it("types the compiler's functions against FunctionContext, never the compile's parts", () => {
    // `Compilation` imports the function table and wires the compile's parts (Evaluator,
    // Declarations, Variables, Collections): a function importing any of them would tie every
    // function file to the compile, and close an import cycle through the function table.
    const puppet = join(root, 'core/compiler/puppet');
    const parts = ['evaluator', 'declarations', 'variables', 'collections', 'compilation'].map((f) => join(puppet, 'evaluation', `${f}.ts`));
    const violations = sources(join(puppet, 'functions')).flatMap((file) =>
      imports(file).filter((t) => parts.includes(t)).map((t) => `${relative(root, file)} → ${relative(root, t)}`));
    assert.deepEqual(violations, []);
  });

  it('has no runtime import cycles', () => {
    const graph = new Map<string, string[]>();
    for (const layer of LAYERS) for (const f of sources(join(root, layer))) graph.set(f, imports(f, false).filter((t) => t !== f));
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(root, p)).join(' → '));
        return;
      }
      state.set(f, 'visiting');
      for (const t of graph.get(f) ?? []) if (graph.has(t)) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    assert.deepEqual(cycles, []);
  });
});
