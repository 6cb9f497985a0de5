import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { TroupeEvent } from '../../../core/events/event.types.js';
import { catalogSubmitted, deactivated, resource, storeCatalog } from '../storeconfigs.fixture.js';
import { factsSubmitted, loadedEngine } from './query.fixture.js';

const RUNS = { numRuns: 25 };
const ENVS = ['production', 'dev', 'test'];
const ROLES = ['web', 'db', 'cache'];

interface NodeSpec {
  readonly role: string | null;
  readonly size: number;
  readonly env: string;
  readonly catalog: boolean;
  readonly deactivated: boolean;
}

const nodeSpec = fc.record({
  role: fc.option(fc.constantFrom(...ROLES), { nil: null }),
  size: fc.integer({ min: 0, max: 5 }),
  env: fc.constantFrom(...ENVS),
  catalog: fc.boolean(),
  deactivated: fc.boolean(),
});

function events(nodes: readonly NodeSpec[]): TroupeEvent[] {
  return nodes.flatMap((n, i): TroupeEvent[] => {
    const certname = `n${i}`;
    const at = `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`;
    const facts = { size: n.size, ...(n.role === null ? {} : { role: n.role }) };
    return [
      factsSubmitted(certname, facts, at, n.env),
      ...(n.catalog ? [catalogSubmitted(certname, storeCatalog([resource('Class', 'main'), resource('Class', n.role ?? 'none')],
        { environment: n.env, producerTimestamp: at }), `c${i}`)] : []),
      ...(n.deactivated ? [deactivated(certname, '2026-02-01T00:00:00.000Z', `d${i}`)] : []),
    ];
  });
}

/** Atomic node queries over the generated fields, nulls included (catalog_environment, role). */
const atom: fc.Arbitrary<unknown[]> = fc.oneof(
  fc.constantFrom(...ENVS).map((e) => ['=', 'facts_environment', e]),
  fc.constantFrom(...ENVS).map((e) => ['=', 'catalog_environment', e]),
  fc.constantFrom(...ROLES).map((r) => ['=', ['fact', 'role'], r]),
  fc.integer({ min: 0, max: 5 }).map((s) => ['>', ['fact', 'size'], s]),
  fc.integer({ min: 0, max: 9 }).map((d) => ['~', 'certname', `${d}$`]),
  fc.boolean().map((b) => ['null?', 'catalog_timestamp', b]),
  fc.constantFrom(...ROLES).map((r) => ['subquery', 'resources', ['and', ['=', 'type', 'Class'], ['=', 'title', r]]]),
);

const certnames = async (engine: ReturnType<typeof loadedEngine>['engine'], filter?: unknown[]) =>
  new Set((await engine.query(['from', 'nodes', ...(filter ? [filter] : [])], { activeOnly: true })).rows.map((r) => (r as { certname: string }).certname));

describe('query algebra', () => {
  it('and / or / not answer the intersection, union and complement of their parts', async () => {
    await fc.assert(fc.asyncProperty(fc.array(nodeSpec, { minLength: 1, maxLength: 8 }), atom, atom, async (nodes, a, b) => {
      const { engine, projection } = loadedEngine(events(nodes));
      try {
        const all = await certnames(engine);
        const [sa, sb] = [await certnames(engine, a), await certnames(engine, b)];
        assert.deepEqual(await certnames(engine, ['and', a, b]), new Set([...sa].filter((c) => sb.has(c))));
        assert.deepEqual(await certnames(engine, ['or', a, b]), new Set([...sa, ...sb]));
        assert.deepEqual(await certnames(engine, ['not', a]), new Set([...all].filter((c) => !sa.has(c))));
      } finally {
        await projection.close();
      }
    }), RUNS);
  });

  it('pages of any size, concatenated, are the unpaged answer; the total counts it', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(nodeSpec, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 4 }), fc.option(atom, { nil: undefined }),
      fc.constantFrom('facts', 'resources', 'fact_contents'), fc.boolean(),
      async (nodes, size, filter, entity, descending) => {
        const { engine, projection } = loadedEngine(events(nodes));
        try {
          const query = ['from', entity, ...(entity === 'resources' || !filter ? [] : [['subquery', 'nodes', filter]])];
          const orderBy = [{ field: 'certname', descending }];
          const whole = await engine.query(query, { activeOnly: true, paging: { orderBy, includeTotal: true } });
          const pages: unknown[] = [];
          for (let offset = 0; offset < whole.rows.length + size; offset += size) {
            const page = await engine.query(query, { activeOnly: true, paging: { orderBy, limit: size, offset, includeTotal: true } });
            assert.equal(page.total, whole.rows.length);
            pages.push(...page.rows);
          }
          assert.deepEqual(pages, whole.rows);
        } finally {
          await projection.close();
        }
      },
    ), RUNS);
  });
});
