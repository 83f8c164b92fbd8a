import { ApiFailure, normalizeJurisdictions, storedBreachFactsSchema, type BreachFacts, type BreachFactsPatch, type JurisdictionMapping } from '../../contract';
import { getIncident } from '../incidents';
import type { Db } from '../store';
import { appendEvent } from '../timeline';

export interface StoredFacts {
  facts: BreachFacts;
  updatedAt: string | null;
  updatedBy: string | null;
}

/**
 * An incident's breach facts: the stored ones, with its data categories and affected counts read
 * from the incident itself. Codes are read as stored (an invalid one is reported by the
 * assessment, never refused here or rewritten).
 */
export function getBreachFacts(db: Db, ref: string): StoredFacts {
  const incident = getIncident(db, ref);
  const row = db.prepare('SELECT facts, updated_at, updated_by FROM breach_facts WHERE incident_ref = ?').get(ref) as { facts: string; updated_at: string; updated_by: string } | undefined;
  const stored = row ? (JSON.parse(row.facts) as Record<string, unknown>) : {};
  const facts = storedBreachFactsSchema.parse({ ...stored, dataCategories: incident.dataCategories, affected: incident.affected });
  return { facts, updatedAt: row?.updated_at ?? null, updatedBy: row?.updated_by ?? null };
}

/**
 * Applies a change to an incident's breach facts and records it in the hash chain, each changed
 * fact with its old and new value (`notify.facts_changed`). A patch that changes nothing is
 * refused rather than logged.
 */
export function setBreachFacts(
  db: Db, ref: string, given: BreachFactsPatch, actor: string, now: string,
): StoredFacts & { /** Aliases in this change, read as their codes (logged with it). */ mapped: JurisdictionMapping[] } {
  // An alias (UK) is stored as its code (GB), once; the mapping is logged with the change.
  const codes = given.establishedIn ? normalizeJurisdictions(given.establishedIn, 'establishedIn') : null;
  const patch: BreachFactsPatch = codes ? { ...given, establishedIn: [...new Set(codes.codes)] } : given;
  const mapped = codes?.mapped ?? [];
  return db.transaction(() => {
    const before = getBreachFacts(db, ref).facts;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(patch)) {
      const old = before[key as keyof BreachFacts];
      if (JSON.stringify(old) !== JSON.stringify(value)) changes[key] = { from: old, to: value };
    }
    if (Object.keys(changes).length === 0) throw new ApiFailure('VALIDATION', 'nothing to change: every fact given already has that value', { issues: ['patch: no change'] });
    const { dataCategories: _c, affected: _a, ...own } = { ...before, ...patch };
    db.prepare(
      `INSERT INTO breach_facts (incident_ref, facts, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (incident_ref) DO UPDATE SET facts = excluded.facts, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(ref, JSON.stringify(own), now, actor);
    const used = changes.establishedIn ? mapped : [];
    appendEvent(db, { actor, type: 'notify.facts_changed', incidentRef: ref, ts: now, data: { changes, ...(used.length ? { mapped: used } : {}) } });
    return { ...getBreachFacts(db, ref), mapped: used };
  }).immediate();
}
