import type { DraftSummary } from '../../../contract';
import { getIncident } from '../../incidents';
import type { Db } from '../../store';
import { readDraft } from './readDraft';

/** An incident's notification drafts, oldest first. */
export function listDrafts(db: Db, ref: string): DraftSummary[] {
  getIncident(db, ref);
  const ids = db.prepare('SELECT id FROM notify_drafts WHERE incident_ref = ? ORDER BY created_at, rowid').all(ref) as { id: string }[];
  return ids.map(({ id }) => {
    const d = readDraft(db, id);
    return {
      id: d.id, regimeId: d.regimeId, regimeName: d.regimeName, stage: d.stage, audience: d.audience, status: d.status,
      latestVersion: d.latestVersion, placeholders: d.placeholders.length, supplementTo: d.supplementTo, createdAt: d.createdAt,
      sentAt: d.sent?.at ?? null,
    };
  });
}
