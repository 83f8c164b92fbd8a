import type { TimelineEvent } from '../../contract';
import type { EventDescription } from './describeEvent';
import { formatDateTime } from './formatDateTime';
import { shortHash } from './shortHash';

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));
const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Who a notice is for, as the sentence needs it ("a notice to the authority"). */
const AUDIENCE: Record<string, string> = {
  authority: 'to the authority', individuals: 'to the people affected', media: 'to the media', board: 'for the board', other: 'to other recipients',
};
const CHANNEL: Record<string, string> = { email: 'by e-mail', portal: 'through the portal', post: 'by post', phone: 'by phone', other: 'by other means' };
const HASH_OF: Record<string, string> = { body: 'the approved text', md: 'the Markdown file', html: 'the HTML file', pdf: 'the PDF', docx: 'the DOCX', eml: 'the .eml' };

/** "eu-gdpr-art33 notice to the authority, stage notification": the events carry the regime's id, not its name. */
function notice(d: Record<string, unknown>): string {
  const audience = AUDIENCE[str(d.audience)] ?? (d.audience ? `to ${str(d.audience)}` : '');
  const stage = typeof d.stage === 'string' && d.stage !== '' ? `, stage ${d.stage}` : '';
  return `${[str(d.regimeId), 'notice', audience].filter((x) => x !== '').join(' ')}${stage}`;
}

/** The draft's id is a UUID: its first block is enough to tell drafts apart on one incident's timeline. */
const draftOf = (d: Record<string, unknown>): string => `draft ${str(d.draftId).split('-')[0] || '?'}`;

function placeholdersLeft(d: Record<string, unknown>): string | null {
  if (!Array.isArray(d.placeholders)) return null;
  return d.placeholders.length === 0 ? 'no placeholder left' : `${count(d.placeholders.length, 'placeholder', 'placeholders')} left`;
}

/**
 * The notification drafts' events (main/notify/drafts): written, revised, approved, sent. Each
 * names the draft (its id's first block), the version and what the chain proves (the SHA-256, shortened).
 */
export function describeDraftEvent(event: TimelineEvent, base: EventDescription): EventDescription {
  const d = event.data;
  const version = typeof d.version === 'number' ? `version ${d.version}` : 'a version';
  const hash = typeof d.sha256 === 'string' ? `SHA-256 ${shortHash(d.sha256)}` : null;
  switch (event.type) {
    case 'notify.draft_created': {
      const what = d.supplementTo ? `a supplementary ${notice(d)}` : `the ${notice(d)}`;
      const details = [
        placeholdersLeft(d),
        d.requiredApprovals === 2 ? 'two approvers required' : null,
        hash,
      ].filter((x): x is string => x !== null);
      return { ...base, summary: `Drafted ${what} (${draftOf(d)})${details.length ? ` — ${details.join('; ')}` : ''}`, tone: 'note' };
    }
    case 'notify.draft_revised': {
      const cleared = typeof d.approvalsCleared === 'number' && d.approvalsCleared > 0 ? `${count(d.approvalsCleared, 'approval', 'approvals')} withdrawn` : null;
      const details = [placeholdersLeft(d), cleared, hash].filter((x): x is string => x !== null);
      return { ...base, summary: `Revised ${draftOf(d)} to ${version}${details.length ? ` — ${details.join('; ')}` : ''}`, tone: 'note' };
    }
    case 'notify.draft_approved': {
      const given = typeof d.approvals === 'number' ? d.approvals : null;
      const required = typeof d.requiredApprovals === 'number' ? d.requiredApprovals : null;
      const state = given !== null && required !== null ? (given >= required ? `approved (${given} of ${required})` : `${given} of ${required} approvals`) : 'approved';
      return { ...base, summary: `Approved ${version} of ${draftOf(d)} — ${state}${hash ? `; ${hash}` : ''}`, tone: 'status' };
    }
    case 'notify.sent': {
      const channel = CHANNEL[str(d.channel)] ?? `by ${str(d.channel) || '?'}`;
      const of = HASH_OF[str(d.hashOf)] ?? str(d.hashOf);
      const summary = `Sent the ${notice(d)}, ${version}, ${channel} to ${str(d.recipient) || '?'}${hash ? ` — ${hash} (${of})` : ''}`;
      // The full digest and the sending time (which may be earlier than when it was recorded) go below.
      const body = [
        typeof d.at === 'string' ? `Sent ${formatDateTime(d.at)}` : null,
        typeof d.sha256 === 'string' ? `SHA-256 of ${of}: ${d.sha256}` : null,
      ].filter((x): x is string => x !== null).join('\n');
      return { ...base, summary, body: body || null, tone: 'status' };
    }
    default:
      return base;
  }
}
