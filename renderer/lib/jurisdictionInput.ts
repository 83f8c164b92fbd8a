import { checkJurisdiction, describeMapping, type AffectedCount, type JurisdictionCheck } from '../../contract';

/** "de, fr us-ca" → ["de", "fr", "us-ca"]: commas, semicolons or spaces separate; empty pieces dropped. */
export function splitCodes(text: string): string[] {
  return text.split(/[\s,;]+/).map((c) => c.trim()).filter(Boolean);
}

/** The check of each code typed, in order (an empty field has none). */
export function checkCodes(text: string): JurisdictionCheck[] {
  return splitCodes(text).map(checkJurisdiction);
}

/**
 * What a form says about codes as they are typed: each alias as "UK → GB (United Kingdom)", each
 * code with its name ("DE Germany") so CA (Canada) is not taken for California.
 */
export function describeCodes(checks: readonly JurisdictionCheck[]): string {
  return checks
    .filter((c): c is Extract<JurisdictionCheck, { ok: true }> => c.ok)
    .map((c) => (c.alias ? `${describeMapping(c.alias)}` : `${c.code} ${c.name}`))
    .join(' · ');
}

/** The first code typed that is not one, as the form shows it (with the nearest codes), or null. */
export function codesProblem(checks: readonly JurisdictionCheck[]): string | null {
  const bad = checks.find((c) => !c.ok);
  return bad && !bad.ok ? capitalize(bad.message) : null;
}

/** The (1-based) rows whose code is not one, empty codes included. */
export function invalidAffectedRows(rows: readonly AffectedCount[]): number[] {
  return rows.flatMap((row, i) => (checkJurisdiction(row.jurisdiction).ok ? [] : [i + 1]));
}

/**
 * Under the table, which rows to correct ("Row 2 has no valid jurisdiction code: …"); each row
 * says why itself, with the nearest codes. Null when every row has a code.
 */
export function affectedRowsProblem(rows: readonly AffectedCount[]): string | null {
  const bad = invalidAffectedRows(rows);
  if (bad.length === 0) return null;
  const one = bad.length === 1;
  return `${one ? `Row ${bad[0]} has` : `Rows ${bad.join(', ')} have`} no valid jurisdiction code: correct ${one ? 'it' : 'them'} (a suggestion fills it in) or remove ${one ? 'the row' : 'the rows'}.`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
