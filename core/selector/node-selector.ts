import { ValidationError } from '../errors/troupe-error.js';
import type { PqlAst, PqlQuery } from '../pql/pql-ast.js';
import { parsePql } from '../pql/pql-parser.js';

/**
 * MCollective-style node addressing compiled to the query engine's AST:
 * `-F fact.path=value` (or `~regex`), `-C Class` (or `/regex/`),
 * `-T extension=value`, `-E environment` and `--select` (a PQL condition
 * on `inventory`, or the same as a JSON AST). Terms are ANDed; `--select`
 * carries any `or`/`not`. One implementation: every command and route
 * that selects nodes sends {@link selectorCondition}'s AST, and the server
 * runs {@link selectorQuery} on storeconfigs.
 */
export interface NodeSelectorFlags {
  /** `-F path=value` / `-F path~regex`; the path is under `facts` (`os.family`). */
  readonly facts?: readonly string[];
  /** `-C name` (Puppet's capitalised class title, `nginx::server` → `Nginx::Server`) or `-C /regex/` on the title. */
  readonly classes?: readonly string[];
  /** `-T extension=value` / `-T extension~regex` on `trusted.extensions`. */
  readonly trusted?: readonly string[];
  /** `-E name`: the environment of the node's facts. */
  readonly environments?: readonly string[];
  /** `--select 'PQL condition'` on inventory, or a JSON AST condition (`["=", "facts.role", "web"]`). */
  readonly select?: readonly string[];
}

/** A dotted path of plain segments: `os.family`, `pp_role`. */
const PATH = /^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_-]+)*$/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;
const CLASS_NAME = /^(?:::)?[a-z][a-z0-9_]*(?:::[a-z][a-z0-9_]*)*$/i;
const ENVIRONMENT = /^[a-z0-9_]+$/;

/** The AND of every term, or null when no term was given (every node). Throws ValidationError naming the flag. */
export function selectorCondition(flags: NodeSelectorFlags): PqlAst | null {
  const terms: PqlAst[] = [
    ...(flags.facts ?? []).map((t) => comparison('-F', 'facts', t)),
    ...(flags.trusted ?? []).map((t) => comparison('-T', 'trusted.extensions', t)),
    ...(flags.classes ?? []).map(classTerm),
    ...(flags.environments ?? []).map(environmentTerm),
    ...(flags.select ?? []).map(compound),
  ];
  if (terms.length === 0) return null;
  return terms.length === 1 ? terms[0]! : ['and', ...terms];
}

/** The certnames query for a condition (null: every node with facts). */
export function selectorQuery(condition: PqlAst | null): PqlQuery {
  return ['from', 'inventory', ['extract', ['certname'], ...(condition === null ? [] : [condition])]];
}

/** `path=value` or `path~regex` under `prefix`; a numeric or boolean value also matches the fact's number or boolean. */
function comparison(flag: string, prefix: string, text: string): PqlAst {
  const m = /^([^=~]+)([=~])(.*)$/s.exec(text);
  if (!m || !PATH.test(m[1]!.trim())) throw new ValidationError(flag, `'${text}' is not PATH=VALUE or PATH~REGEX (path segments of letters, digits, _)`);
  const [, rawPath, op, value] = m as unknown as [string, string, '=' | '~', string];
  const field = `${prefix}.${rawPath.trim()}`;
  if (op === '~') return ['~', field, checkedRegex(flag, value)];
  const typed = NUMBER.test(value) ? Number(value) : value === 'true' ? true : value === 'false' ? false : null;
  return typed === null ? ['=', field, value] : ['or', ['=', field, value], ['=', field, typed]];
}

/** Puppet titles a class resource with each `::` segment capitalised. */
export function classTitle(name: string): string {
  return name.replace(/^::/, '').split('::').map((s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()).join('::');
}

function classTerm(text: string): PqlAst {
  const regex = /^\/(.*)\/$/s.exec(text);
  if (!regex && !CLASS_NAME.test(text)) throw new ValidationError('-C', `'${text}' is neither a class name (nginx::server) nor a /regex/`);
  const title: PqlAst = regex ? ['~', 'title', checkedRegex('-C', regex[1]!)] : ['=', 'title', classTitle(text)];
  return ['in', 'certname', ['from', 'resources', ['extract', ['certname'], ['and', ['=', 'type', 'Class'], title]]]];
}

function environmentTerm(text: string): PqlAst {
  if (!ENVIRONMENT.test(text)) throw new ValidationError('-E', `'${text}' is not an environment name (lower-case letters, digits, _)`);
  return ['=', 'environment', text];
}

/** A JSON AST condition as it is (the engine checks it), or a PQL condition read as `inventory[certname] { … }`'s filter. */
function compound(text: string): PqlAst {
  if (text.trim().startsWith('[')) {
    let ast: unknown;
    try { ast = JSON.parse(text); } catch (e) { throw new ValidationError('--select', `not JSON: ${(e as Error).message}`); }
    if (!Array.isArray(ast)) throw new ValidationError('--select', 'a JSON condition is an array, e.g. ["=", "facts.role", "web"]');
    return ast as PqlAst;
  }
  const parsed = parsePql(`inventory[certname] { ${text} }`);
  if (!parsed.ok) throw new ValidationError('--select', parsed.error.message);
  const extract = parsed.value[2];
  // Exactly `["extract", ["certname"], filter]`: text that closes the braces early (paging, a second clause) is refused.
  if (parsed.value.length !== 3 || !Array.isArray(extract) || extract.length !== 3) {
    throw new ValidationError('--select', 'expected one condition on inventory, e.g. facts.os.family = "Debian" and not trusted.extensions.pp_role = "db"');
  }
  return extract[2] as PqlAst;
}

function checkedRegex(flag: string, source: string): string {
  try {
    new RegExp(source);
  } catch (e) {
    throw new ValidationError(flag, `bad regular expression: ${(e as Error).message}`);
  }
  return source;
}
