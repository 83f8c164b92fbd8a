import { isJurisdictionCode, JURISDICTION_ALIASES, type BreachFactName, type BreachFacts, type Condition, type Tri } from '../../contract';
import { jurisdictionMatches } from './jurisdictionMatches';

export interface Evaluation {
  result: Tri;
  /** What was read, in words, for the "why". */
  facts: string[];
  /** Facts whose absence left the result unknown. */
  missing: BreachFactName[];
}

const show = (v: unknown): string => (v === true ? 'yes' : v === false ? 'no' : String(v));
/** 12,500 as en-US writes it; by hand, since the first toLocaleString() loads ICU's number data (15 ms a CLI run). */
const count = (n: number): string => (Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : n.toLocaleString('en-US'));

/**
 * Kleene three-valued logic over the facts: a null fact is unknown, and unknown propagates unless
 * the other operands decide (false ∧ unknown = false, true ∨ unknown = true). An empty list of
 * affected people or of data categories is unknown too, not "nobody" — for a breach under
 * assessment the count is what is usually missing, and a guess of zero would drop regimes.
 */
export function evaluateCondition(c: Condition, facts: BreachFacts): Evaluation {
  if ('all' in c || 'any' in c) {
    const parts = ('all' in c ? c.all : c.any).map((p) => evaluateCondition(p, facts));
    const decisive = 'all' in c ? 'no' : 'yes';
    const found = parts.find((p) => p.result === decisive);
    if (found) return { result: decisive, facts: found.facts, missing: [] };
    const unknown = parts.filter((p) => p.result === 'unknown');
    if (unknown.length > 0) return { result: 'unknown', facts: parts.flatMap((p) => p.facts), missing: unique(unknown.flatMap((p) => p.missing)) };
    return { result: 'all' in c ? 'yes' : 'no', facts: parts.flatMap((p) => p.facts), missing: [] };
  }
  if ('not' in c) {
    const inner = evaluateCondition(c.not, facts);
    return { ...inner, result: inner.result === 'yes' ? 'no' : inner.result === 'no' ? 'yes' : 'unknown' };
  }
  if ('fact' in c) {
    const value = facts[c.fact];
    if (value === null) return { result: 'unknown', facts: [`${c.fact}: not known`], missing: [c.fact] };
    const holds = c.in !== undefined ? c.in.includes(String(value)) : c.is !== undefined ? value === c.is : value === true;
    return { result: holds ? 'yes' : 'no', facts: [`${c.fact}: ${show(value)}`], missing: [] };
  }
  if ('affected' in c) {
    const where = c.affected.join(', ');
    if (facts.affected.length === 0) return { result: 'unknown', facts: ['affected people: not known'], missing: ['affected'] };
    const read = facts.affected.map((a) => ({ count: a.count, given: a.jurisdiction, place: placeOf(a.jurisdiction) }));
    const inScope = read.filter((a): a is typeof a & { place: string } => a.place !== null && c.affected.some((s) => jurisdictionMatches(a.place as string, s)));
    const meets = (n: number) => (c.atLeast === undefined || n >= c.atLeast) && (c.moreThan === undefined || n > c.moreThan) && (c.atLeast !== undefined || c.moreThan !== undefined || n > 0);
    const aliased = inScope.filter((a) => a.place !== a.given).map((a) => `${a.given} read as ${a.place}`);
    let evaluation: Evaluation;
    if (c.each) {
      const byPlace = new Map<string, number>();
      for (const a of inScope) byPlace.set(a.place, (byPlace.get(a.place) ?? 0) + a.count);
      const hit = [...byPlace].find(([, n]) => meets(n));
      const largest = [...byPlace].sort((a, b) => b[1] - a[1])[0];
      const said = hit ? `affected in ${hit[0]}: ${count(hit[1])}` : largest ? `most affected in one of ${where}: ${count(largest[1])} (${largest[0]})` : `affected in ${where}: 0`;
      evaluation = { result: hit ? 'yes' : 'no', facts: [said, ...aliased], missing: [] };
    } else {
      const total = inScope.reduce((n, a) => n + a.count, 0);
      evaluation = { result: meets(total) ? 'yes' : 'no', facts: [`affected in ${where}: ${count(total)}`, ...aliased], missing: [] };
    }
    // People recorded under a code that is no place (stored before codes were checked) could live
    // anywhere: they leave a "no" undecided rather than counted as nobody.
    const unplaced = read.filter((a) => a.place === null && a.count > 0);
    if (evaluation.result !== 'no' || unplaced.length === 0) return evaluation;
    const lost = unplaced.map((a) => `${count(a.count)} under ${a.given}`).join(', ');
    return { result: 'unknown', facts: [...evaluation.facts, `affected under codes that are no jurisdiction: ${lost}`], missing: ['affected'] };
  }
  if ('dataCategory' in c) {
    if (facts.dataCategories.length === 0) {
      if (facts.personalData === false) return { result: 'no', facts: ['personalData: no'], missing: [] };
      return { result: 'unknown', facts: ['data categories: not known'], missing: ['dataCategories'] };
    }
    const hit = facts.dataCategories.filter((d) => c.dataCategory.includes(d));
    return { result: hit.length > 0 ? 'yes' : 'no', facts: [`data categories: ${facts.dataCategories.join(', ')}`], missing: [] };
  }
  const read = facts.establishedIn.map((given) => ({ given, place: placeOf(given) }));
  const places = read.filter((e) => e.place !== null && c.established.some((s) => jurisdictionMatches(e.place as string, s)));
  const named = places.map((e) => (e.place === e.given ? e.given : `${e.given} read as ${e.place}`));
  const said = `established in ${c.established.join(', ')}: ${named.length > 0 ? named.join(', ') : 'no'}`;
  if (places.length > 0) return { result: 'yes', facts: [said], missing: [] };
  const unplaced = read.filter((e) => e.place === null).map((e) => e.given);
  if (unplaced.length > 0) return { result: 'unknown', facts: [said, `established in codes that are no jurisdiction: ${unplaced.join(', ')}`], missing: ['establishedIn'] };
  return { result: 'no', facts: [said], missing: [] };
}

/**
 * A stored code as the engine reads it: itself, the code an alias stands for (UK → GB; the
 * assessment's jurisdictionNotes say so), or null when it is no place at all.
 */
function placeOf(code: string): string | null {
  if (isJurisdictionCode(code)) return code;
  return JURISDICTION_ALIASES[code]?.to ?? null;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
