import { matchAt, type RegexTerminal, WHITESPACE } from './pql-terminals.js';

/** A reading that does not apply here; the caller tries another or fails in turn. */
export const FAIL = Symbol('no parse');
export type Fail = typeof FAIL;

/** Why a query is refused although (so far) it parses, and where. */
export class Refusal {
  constructor(readonly pos: number, readonly reason: string) {}
}

/**
 * The position reached in a PQL text and what Instaparse reports when no
 * reading succeeds: the furthest offset at which a terminal failed and
 * every terminal expected there.
 */
export class PqlCursor {
  pos = 0;
  furthest = 0;
  expected: string[] = [];
  /**
   * The first piece of the reading so far that parses but that PuppetDB's
   * transform then refuses (a bad `\u` escape, an integer out of range):
   * PuppetDB parses the whole query first, so this is reported only if the
   * whole query parses; a reading given up drops it.
   */
  untranslatable: Refusal | undefined;
  private depth = 0;

  constructor(readonly text: string, private readonly maxDepth: number) {}

  /** Runs `parse`; if it fails, puts the position (and what was untranslatable) back as they were. */
  attempt<T>(parse: () => T | Fail): T | Fail {
    const start = this.pos;
    const untranslatable = this.untranslatable;
    const result = parse();
    if (result === FAIL) {
      this.pos = start;
      this.untranslatable = untranslatable;
    }
    return result;
  }

  /** Notes a piece PuppetDB's transform would refuse; see `untranslatable`. */
  refuse(at: number, reason: string): void {
    this.untranslatable ??= new Refusal(at, reason);
  }

  /**
   * Runs `parse` `levels` deeper. Going past `maxDepth` stops the whole
   * parse at once (thrown, caught by `parsePql`), so no input can exhaust
   * the stack.
   */
  nested<T>(at: number, levels: number, parse: () => T): T {
    this.depth += levels;
    try {
      if (this.depth > this.maxDepth) throw new Refusal(at, `The query nests deeper than ${this.maxDepth} levels of braces, parentheses, negations and arrays.`);
      return parse();
    } finally {
      this.depth -= levels;
    }
  }

  /** `item (, item)*`, with optional whitespace around the commas. */
  list<T>(item: () => T | Fail): T[] | Fail {
    const first = item();
    if (first === FAIL) return FAIL;
    const items = [first];
    const next = (): T | Fail => {
      if (!this.lit(',')) { // Instaparse tries the comma before the whitespace ahead of it.
        this.optWs();
        if (!this.lit(',')) return FAIL;
      }
      this.optWs();
      return item();
    };
    for (let i = this.attempt(next); i !== FAIL; i = this.attempt(next)) items.push(i);
    return items;
  }

  /** Reads the string `s` (case-sensitive, as Instaparse's string terminals are). */
  lit(s: string): boolean {
    if (this.text.startsWith(s, this.pos)) {
      this.pos += s.length;
      return true;
    }
    this.expect(s);
    return false;
  }

  oneOf<const W extends string>(words: readonly W[]): W | Fail {
    for (const w of words) if (this.lit(w)) return w;
    return FAIL;
  }

  /** The end of `t` matched at `at`, or -1 (recorded as expected there). */
  regex(t: RegexTerminal, at: number): number {
    const end = matchAt(t, this.text, at);
    if (end < 0) this.expectAt(at, t.shown);
    return end;
  }

  /** Required whitespace. */
  ws(): boolean {
    const end = this.regex(WHITESPACE, this.pos);
    if (end < 0) return false;
    this.pos = end;
    return true;
  }

  optWs(): void {
    this.ws();
  }

  /** Optional whitespace whose absence the caller records itself, where Instaparse would list it. */
  skipWs(): boolean {
    const end = matchAt(WHITESPACE, this.text, this.pos);
    if (end >= 0) this.pos = end;
    return end >= 0;
  }

  /** `{ws}`: whitespace, then the further try a repetition makes, which fails and is recorded as Instaparse records it. */
  manyWs(): void {
    while (this.ws());
  }

  expect(shown: string): Fail {
    this.expectAt(this.pos, shown);
    return FAIL;
  }

  /**
   * Records each terminal once, at its first try, as Instaparse (which
   * memoises a terminal at an offset) does; it lists them newest first.
   */
  expectAt(at: number, shown: string): void {
    if (at > this.furthest) {
      this.furthest = at;
      this.expected = [shown];
    } else if (at === this.furthest && !this.expected.includes(shown)) {
      this.expected.push(shown);
    }
  }
}
