import { CONTENT_FIELD_LABELS, type ContentField, type Draft } from '../../contract';

/** Where a missing item of a notice is filled in. */
export type FixAt = { kind: 'facts'; label: string } | { kind: 'settings'; label: string } | { kind: 'incident'; label: string } | { kind: 'text'; label: string };

export interface ApprovalBlocker {
  id: string;
  /** What blocks approval, in words. */
  text: string;
  /** Where it is fixed (a link or a button in the dialog), if anywhere but the text itself. */
  fix: FixAt | null;
}

const FIELD_OF = new Map(Object.entries(CONTENT_FIELD_LABELS).map(([field, label]) => [label, field as ContentField]));

/** Each content field's home: the letterhead (Settings), the incident's own fields, or the breach facts. */
function fixFor(field: ContentField | undefined, canSetLetterhead: boolean): FixAt {
  switch (field) {
    case 'organisation':
      return { kind: 'settings', label: canSetLetterhead ? 'Settings › Letterhead (organisation and address)' : 'Settings › Letterhead — ask an administrator to fill in the organisation' };
    case 'affectedCount':
      return { kind: 'incident', label: 'the incident\'s Affected people (counts by country or state)' };
    case 'dataCategories':
      return { kind: 'incident', label: 'the incident\'s Data categories' };
    case 'contactPoint':
      return { kind: 'facts', label: 'Breach facts… › Contact point (or the letterhead\'s data protection officer)' };
    case 'dates':
      return { kind: 'facts', label: 'Breach facts… › the times (discovered, aware)' };
    case undefined:
      return { kind: 'text', label: 'the text of the notice' };
    default:
      return { kind: 'facts', label: `Breach facts… › ${CONTENT_FIELD_LABELS[field]}` };
  }
}

/**
 * Everything that stops `user` approving this version, each with where it is fixed — so the Approve
 * button can say why it is disabled instead of failing after a click. The API refuses the same
 * cases; this is what a person needs to know before trying.
 */
export function approvalBlockers(draft: Draft, opts: { user: string; unsavedEdits: boolean; canSetLetterhead: boolean }): ApprovalBlocker[] {
  const blockers: ApprovalBlocker[] = [];
  if (opts.unsavedEdits) blockers.push({ id: 'unsaved', text: 'The text has unsaved changes: save them as a new version (or discard them) first.', fix: null });
  for (const p of draft.placeholders) {
    const field = FIELD_OF.get(p);
    blockers.push({ id: `missing-${p}`, text: `Missing: ${p}`, fix: fixFor(field, opts.canSetLetterhead) });
  }
  if (draft.approvals.some((a) => a.user === opts.user)) {
    blockers.push({ id: 'mine', text: `You approved version ${draft.version} already${draft.requiredApprovals === 2 ? ': the second approval must come from someone else' : ''}.`, fix: null });
  } else if (draft.requiredApprovals === 2 && draft.editedBy === opts.user) {
    blockers.push({ id: 'editor', text: `You wrote version ${draft.version}: with two approvers, neither may be the last editor.`, fix: null });
  }
  return blockers;
}
