import type { Retention } from '../../contract';

const RULES = [['last', 'keepLast'], ['daily', 'keepDaily'], ['weekly', 'keepWeekly'], ['monthly', 'keepMonthly'], ['yearly', 'keepYearly']] as const;

/** "keep last 7, daily 14, monthly 6", or "keep everything" when no rule is set. */
export function formatRetention(retention: Retention): string {
  const rules = RULES.flatMap(([label, key]) => (retention[key] !== undefined ? [`${label} ${retention[key]}`] : []));
  return rules.length === 0 ? 'keep everything' : `keep ${rules.join(', ')}`;
}
