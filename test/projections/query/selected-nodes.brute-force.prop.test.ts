import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { TroupeEvent } from '../../../core/events/event.types.js';
import { classTitle, selectorCondition, type NodeSelectorFlags } from '../../../core/selector/node-selector.js';
import { selectedNodes } from '../../../projections/query/selected-nodes.query.js';
import { catalogSubmitted, deactivated, resource, storeCatalog } from '../storeconfigs.fixture.js';
import { factsSubmitted, loadedEngine } from './query.fixture.js';

const ENVS = ['production', 'dev'];
const ROLES = ['web', 'db', 'cache'];
const FAMILIES = ['Debian', 'RedHat'];
const CLASSES = ['nginx', 'postgresql', 'nginx::server', 'haproxy'];

interface NodeSpec {
  readonly role: string | null;
  readonly family: string;
  readonly cpus: number;
  readonly virtual: boolean;
  readonly env: string;
  readonly ppRole: string | null;
  readonly classes: readonly string[];
  readonly deactivated: boolean;
}

const nodeSpec: fc.Arbitrary<NodeSpec> = fc.record({
  role: fc.option(fc.constantFrom(...ROLES), { nil: null }),
  family: fc.constantFrom(...FAMILIES),
  cpus: fc.integer({ min: 1, max: 4 }),
  virtual: fc.boolean(),
  env: fc.constantFrom(...ENVS),
  ppRole: fc.option(fc.constantFrom(...ROLES), { nil: null }),
  classes: fc.subarray(CLASSES),
  deactivated: fc.boolean(),
});

function events(nodes: readonly NodeSpec[]): TroupeEvent[] {
  return nodes.flatMap((n, i): TroupeEvent[] => {
    const certname = `n${i}`;
    const at = `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`;
    const facts = {
      os: { family: n.family }, processors: { count: n.cpus }, is_virtual: n.virtual, ...(n.role === null ? {} : { role: n.role }),
      trusted: { certname, extensions: n.ppRole === null ? {} : { pp_role: n.ppRole } },
    };
    const resources = [resource('Class', 'main'), ...n.classes.map((c) => resource('Class', classTitle(c)))];
    return [
      factsSubmitted(certname, facts, at, n.env),
      catalogSubmitted(certname, storeCatalog(resources, { environment: n.env, producerTimestamp: at }), `c${i}`),
      ...(n.deactivated ? [deactivated(certname, '2026-02-01T00:00:00.000Z', `d${i}`)] : []),
    ];
  });
}

/** One selector flag and the brute-force predicate it means. */
type Term = readonly [keyof NodeSelectorFlags, string, (n: NodeSpec) => boolean];
const term: fc.Arbitrary<Term> = fc.oneof(
  fc.constantFrom(...ROLES).map((r): Term => ['facts', `role=${r}`, (n) => n.role === r]),
  fc.constantFrom(...ROLES).map((r): Term => ['facts', `role~^${r.slice(0, 2)}`, (n) => n.role !== null && n.role.startsWith(r.slice(0, 2))]),
  fc.constantFrom(...FAMILIES).map((f): Term => ['facts', `os.family=${f}`, (n) => n.family === f]),
  fc.integer({ min: 1, max: 4 }).map((c): Term => ['facts', `processors.count=${c}`, (n) => n.cpus === c]),
  fc.boolean().map((b): Term => ['facts', `is_virtual=${b}`, (n) => n.virtual === b]),
  fc.constantFrom(...ROLES).map((r): Term => ['trusted', `pp_role=${r}`, (n) => n.ppRole === r]),
  fc.constantFrom(...CLASSES).map((c): Term => ['classes', c, (n) => n.classes.includes(c)]),
  fc.constantFrom('ginx', '^Postgres', 'Server$').map((re): Term => ['classes', `/${re}/`, (n) => n.classes.some((c) => new RegExp(re).test(classTitle(c)))]),
  fc.constantFrom(...ENVS).map((e): Term => ['environments', e, (n) => n.env === e]),
  fc.tuple(fc.constantFrom(...ROLES), fc.constantFrom(...FAMILIES)).map(([r, f]): Term => [
    'select', `facts.role = "${r}" or !(facts.os.family = "${f}")`, (n) => n.role === r || n.family !== f,
  ]),
);

function flagsOf(terms: readonly Term[]): NodeSelectorFlags {
  const flags: Record<string, string[]> = {};
  for (const [flag, text] of terms) (flags[flag] ??= []).push(text);
  return flags;
}

describe('node selectors', () => {
  it('select exactly the active nodes a brute-force evaluation of the same flags selects', async () => {
    await fc.assert(fc.asyncProperty(fc.array(nodeSpec, { minLength: 1, maxLength: 8 }), fc.array(term, { maxLength: 3 }), async (nodes, terms) => {
      const { engine, projection } = loadedEngine(events(nodes));
      try {
        const expected = nodes.map((n, i) => ({ n, certname: `n${i}` }))
          .filter(({ n }) => !n.deactivated && terms.every(([, , p]) => p(n)))
          .map(({ certname }) => certname).sort();
        assert.deepEqual(await selectedNodes(engine, selectorCondition(flagsOf(terms))), expected);
      } finally {
        projection.close();
      }
    }), { numRuns: 40 });
  });
});
