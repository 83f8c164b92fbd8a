import type { Block } from '../render/ReportDocument';

/** What the figures mean, for a reader without docs/kpis.md at hand. */
export function* howToReadSection(): Generator<Block> {
  yield { kind: 'heading', level: 1, text: 'How to read this report' };
  yield {
    kind: 'bullets',
    items: [
      'The period is a range of whole days in UTC, first and last day included; months are UTC months. Every time in this report is UTC.',
      'An incident counts in the period it was detected in, with everything known about it now: a past period\'s figures can still move while its incidents are open or corrected.',
      'Severity is the highest an incident reached, not the one it has now.',
      'Exercises (tabletops, drills) are left out unless asked for; when included they are marked [EXERCISE] in every table.',
      'N is the number of incidents measured (both times known and in order); coverage is N of the incidents in scope. Below 100% a figure describes only part of the group.',
      'Median and p90 are by nearest rank (the value at rank p×N, rounded up, of the sorted values): every figure is a time that occurred. The mean is always given beside them, never alone.',
      'Figures that depend on the clock (a notice due, a scheduled backup) count up to the end of the period, or up to now while the period is not over.',
      'The previous period: for whole calendar months (a month, a quarter, a year) the same number of months just before (Q1 with the Q4 before it); for any other range, the period of equal length that ends where this one starts.',
      'Definitions of every measure, with the timestamps that start and end it: docs/kpis.md.',
    ],
  };
}
