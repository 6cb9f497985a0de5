import type { CatalogResource } from '../catalog/catalog-resource.js';
import { PuppetError } from '../puppet-error.js';
import type { Loc } from '../syntax/ast.types.js';
import { article } from '../types/data-types.js';
import { capitalizeType, isArray, ResourceRef, typeNameOf, type Value } from '../types/values.js';
import type { Operand } from './evaluator.js';

/** One relationship expression, kept until the catalog is complete. */
export interface Relationship {
  readonly op: '->' | '~>' | '<-' | '<~';
  readonly left: Operand;
  readonly right: Operand;
  readonly loc: Loc;
  readonly file: string;
}

/** A collector operand: the resources it has collected by the time relationships are applied. */
interface CollectorOperand {
  readonly collected: readonly CatalogResource[];
}

/** The catalog's resource of a type and title (or alias). */
type FindResource = (type: string, title: string) => CatalogResource | undefined;

/**
 * The relationship expressions (`->`, `~>`, `<-`, `<~`) of one compile. They
 * are recorded while evaluating and applied when the catalog is finished, as
 * Puppet does: a collector operand then stands for all it collected, and
 * every reference must name a resource by then.
 */
export class Relationships {
  private readonly recorded: Relationship[] = [];

  add(rel: Relationship): void {
    this.recorded.push(rel);
  }

  /** Adds each relationship to its sources' `before` (`->`, `<-`) or `notify` (`~>`, `<~`). */
  apply(find: FindResource): void {
    for (const rel of this.recorded) {
      let sources = operandResources(rel.left, rel, rel.right, find);
      let targets = operandResources(rel.right, rel, rel.left, find);
      if (rel.op === '<-' || rel.op === '<~') [sources, targets] = [targets, sources];
      const param = rel.op === '->' || rel.op === '<-' ? 'before' : 'notify';
      for (const [s] of sources) for (const [, ref] of targets) {
        const cur = s.params.get(param);
        s.params.set(param, [...(cur === undefined ? [] : isArray(cur) ? cur : [cur]), ref]);
      }
    }
  }
}

/** The resources of a relationship operand, each with the reference it is named by (an alias stays an alias). */
function operandResources(o: Operand, rel: Relationship, other: Operand, find: FindResource): [CatalogResource, string][] {
  if ('collector' in o) return (o.collector as CollectorOperand).collected.map((r) => [r, r.ref]);
  const out: [CatalogResource, string][] = [];
  const visit = (v: Value): void => {
    if (isArray(v)) { v.forEach(visit); return; }
    if (v === undefined) return;
    if (typeof v === 'string') {
      // A String operand must be a reference (`'Notify[a]'`).
      const m = /^((?:::)?[A-Za-z]\w*(?:::\w+)*)\[(.*)\]$/s.exec(v);
      if (!m) throw new PuppetError(`Error while evaluating a '${rel.op}' expression, The expression <${v}> is not a valid type specification.`, { file: rel.file, ...rel.loc });
      visit(new ResourceRef(capitalizeType(m[1]!), m[2]!.replace(/^(['"])(.*)\1$/s, '$2')));
      return;
    }
    if (!(v instanceof ResourceRef)) {
      throw new PuppetError(`Illegal relationship operand, can not form a relationship with ${article(typeNameOf(v))} ${typeNameOf(v)}. A Catalog type is required.`, { file: rel.file, ...rel.loc });
    }
    const r = find(v.type, v.title);
    if (!r) {
      const o2 = 'value' in other ? inspectRef(other.value) : 'collector';
      throw new PuppetError(`Could not find resource '${v}' for relationship ${o === rel.left ? 'on' : 'from'} '${o2}'`, undefined, 'plain');
    }
    out.push([r, r.type !== 'Class' && r.title !== v.title ? `${r.type}[${v.title}]` : r.ref]);
  };
  visit(o.value);
  return out;
}

const inspectRef = (v: Value): string => (isArray(v) ? v.map(String).join(', ') : String(v));
