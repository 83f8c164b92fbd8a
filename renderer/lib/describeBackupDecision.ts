import type { TimelineEvent } from '../../contract';
import type { EventDescription } from './describeEvent';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const keys = (v: unknown): string => {
  const l = list(v);
  return l.length === 0 ? 'none' : l.join('\n');
};

/**
 * Who may read the backups (docs/security.md): recipients changed, a plan approved as it is, a
 * plan waiting for an administrator's review. Shown as security events, with the lists and reasons.
 */
export function describeBackupDecision(event: TimelineEvent, base: EventDescription): EventDescription | null {
  const d = event.data;
  const plan = str(d.plan);
  switch (event.type) {
    case 'backup.plan_recipients_changed': {
      const added = list(d.added).length;
      const removed = list(d.removed).length;
      return {
        ...base,
        summary: `Set the extra recipients of backup plan ${plan}: ${added} added, ${removed} removed`,
        changes: [{ field: 'Recipients', before: keys(d.before), after: keys(d.after), redacted: false }],
        body: str(d.reason) || null,
        tone: 'security',
      };
    }
    case 'backup.plan_approved':
      return {
        ...base,
        summary: `Approved backup plan ${plan} as it is (its database content and recipients)`,
        body: [str(d.note), ...list(d.reasons).map((r) => `Why it waited: ${r}`)].filter(Boolean).join('\n'),
        tone: 'security',
      };
    case 'backup.plan_review_needed':
      return {
        ...base,
        summary: `Backup plan ${plan} waits for an administrator's review${d.blocksRuns === true ? ' (its runs are refused until then)' : ''}`,
        body: list(d.reasons).join('\n') || null,
        tone: 'security',
      };
    default:
      return null;
  }
}
