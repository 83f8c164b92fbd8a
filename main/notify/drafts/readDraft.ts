import {
  ApiFailure, DECISION_SUPPORT_NOTICE, findPlaceholders, placeholderFor, type Audience, type Draft, type DraftApproval,
  type DraftSent, type DraftStatus, type DraftVersion, type ExportFormat, type Outcome, type SendChannel,
} from '../../../contract';
import type { Db } from '../../store';
import type { ContentSpec } from './composeDraft';

interface DraftRow {
  id: string;
  incident_ref: string;
  regime_id: string;
  regime_name: string;
  stage: string | null;
  audience: string;
  recipient: string;
  outcome: string;
  contents: string;
  required_approvals: number;
  supplement_to: string | null;
  created_at: string;
  created_by: string;
  /** The incident's flag (0 or 1), joined in. */
  exercise: number;
}

interface VersionRow {
  version: number;
  title: string;
  body: string;
  sha256: string;
  created_at: string;
  created_by: string;
}

interface SentRow {
  version: number;
  channel: string;
  recipient: string;
  sent_at: string;
  sha256: string;
  hash_of: string;
  by: string;
  recorded_at: string;
}

/** Placeholders in the subject line count as much as those in the body. */
export const placeholdersIn = (title: string, body: string): string[] => findPlaceholders(`${title}\n${body}`);

/**
 * A draft as stored, at one version (default: the latest). Status is derived, never stored: sent
 * once a sent record exists, approved when the latest version has its required approvals (a new
 * version starts with none), else draft.
 */
export function readDraft(db: Db, id: string, version?: number): Draft {
  const row = db.prepare('SELECT d.*, i.exercise FROM notify_drafts d JOIN incidents i ON i.ref = d.incident_ref WHERE d.id = ?').get(id) as DraftRow | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `no notification draft ${id}`);
  const versions = db.prepare('SELECT version, title, body, sha256, created_at, created_by FROM notify_draft_versions WHERE draft_id = ? ORDER BY version').all(id) as VersionRow[];
  const approvals = db.prepare('SELECT version, user, at FROM notify_draft_approvals WHERE draft_id = ? ORDER BY event_seq').all(id) as (DraftApproval & { version: number })[];
  const sentRow = db.prepare('SELECT * FROM notify_draft_sent WHERE draft_id = ?').get(id) as SentRow | undefined;
  const latest = versions[versions.length - 1];
  if (!latest) throw new ApiFailure('INTERNAL', `notification draft ${id} has no version`);
  const current = version === undefined ? latest : versions.find((v) => v.version === version);
  if (!current) throw new ApiFailure('NOT_FOUND', `notification draft ${id} has no version ${version} (latest: ${latest.version})`);

  const approvalsOf = (v: number): DraftApproval[] => approvals.filter((a) => a.version === v).map(({ user, at }) => ({ user, at }));
  const required = row.required_approvals === 2 ? 2 : 1;
  const status: DraftStatus = sentRow ? 'sent' : approvalsOf(latest.version).length >= required ? 'approved' : 'draft';
  const placeholders = placeholdersIn(current.title, current.body);
  const sent: DraftSent | null = sentRow
    ? {
        channel: sentRow.channel as SendChannel, recipient: sentRow.recipient, at: sentRow.sent_at, sha256: sentRow.sha256,
        hashOf: sentRow.hash_of as 'body' | ExportFormat, by: sentRow.by, recordedAt: sentRow.recorded_at, version: sentRow.version,
      }
    : null;
  const contents = (JSON.parse(row.contents) as ContentSpec[]).map((c) => ({ ...c, present: !current.body.includes(placeholderFor(c.field)) }));
  return {
    id: row.id,
    ref: row.incident_ref,
    exercise: row.exercise === 1,
    regimeId: row.regime_id,
    regimeName: row.regime_name,
    stage: row.stage,
    audience: row.audience as Audience,
    recipient: row.recipient,
    outcome: row.outcome as Outcome,
    version: current.version,
    latestVersion: latest.version,
    status,
    supplementTo: row.supplement_to,
    title: current.title,
    body: current.body,
    bodySha256: current.sha256,
    contents,
    placeholders,
    createdAt: row.created_at,
    createdBy: row.created_by,
    editedAt: current.created_at,
    editedBy: current.created_by,
    approvals: approvalsOf(current.version),
    requiredApprovals: required,
    sent,
    versions: versions.map(
      (v): DraftVersion => ({
        version: v.version, createdAt: v.created_at, createdBy: v.created_by, sha256: v.sha256,
        placeholders: placeholdersIn(v.title, v.body).length, approvals: approvalsOf(v.version),
      }),
    ),
    notice: DECISION_SUPPORT_NOTICE,
  };
}
