import type { TimelineEvent } from '../../contract';
import type { EventDescription } from './describeEvent';
import { humanize } from './humanize';
import { showValue } from './showValue';

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/** A personal answer not shown: erased, sealed (the key is not open here), or hidden from this role. */
const personalWithheld = (why: unknown): string =>
  why === 'erased' ? 'personal data erased' : why === 'withheld' ? 'personal data sealed (the key is not open in this session)' : 'personal data hidden';

/** The events a guided run writes (`runbook.*`): each names the step by its title, as the run view does. */
export function describeRunbookEvent(event: TimelineEvent, base: EventDescription): EventDescription {
  const d = event.data;
  const step = `“${str(d.title) || str(d.step)}”`;
  const reason = typeof d.reason === 'string' ? `Reason: ${d.reason}` : null;
  const status = { ...base, tone: 'status' as const };
  switch (event.type) {
    case 'runbook.started':
      return { ...status, summary: `Started runbook ${str(d.runbook)}${d.version ? ` v${str(d.version)}` : ''}` };
    case 'runbook.completed':
      return { ...status, summary: `Completed runbook ${str(d.runbook)}: every step is finished` };
    case 'runbook.step_done': {
      // An input that writes an incident field also appends the incident.updated event, which
      // shows the change; repeating it here would list it twice.
      const detail = d.answer !== undefined ? ` — answer ${str(d.answer)}`
        : d.personal === true && d.value === null ? ` — ${personalWithheld(d.personalData)}`
        : d.value !== undefined && d.wrote === undefined ? ` — ${showValue(d.value)}`
          : Array.isArray(d.evidence) ? ` — ${d.evidence.length} evidence ${d.evidence.length === 1 ? 'file' : 'files'}` : '';
      return { ...status, summary: `Did step ${step}${detail}`, body: typeof d.note === 'string' ? d.note : null };
    }
    case 'runbook.step_skipped':
      return { ...status, summary: `Skipped step ${step}`, body: reason };
    case 'runbook.step_approved':
      return { ...status, summary: `Approved step ${step}${d.role ? ` as ${humanize(str(d.role)).toLowerCase()}` : ''}`, body: typeof d.note === 'string' ? d.note : null };
    case 'runbook.item_ticked':
      return { ...base, summary: `${d.checked === false ? 'Unticked' : 'Ticked'} item ${typeof d.item === 'number' ? d.item + 1 : '?'} of ${step}` };
    case 'runbook.step_note':
      return { ...base, summary: `Added a note on step ${step}`, body: str(d.text), tone: 'note' };
    case 'runbook.step_undone':
      return { ...base, summary: `Undid run transition ${str(d.target)}`, body: reason, tone: 'danger' };
    case 'runbook.step_available':
      return { ...base, summary: `Step ${step} can be done now` };
    case 'runbook.step_not_applicable':
      return { ...base, summary: `Step ${step} does not apply`, body: reason };
    case 'runbook.step_not_taken':
      return { ...base, summary: `Step ${step} not taken`, body: reason };
    case 'runbook.steps_repeated':
      return { ...status, summary: `Repeating from “${str(d.from)}” (decision ${str(d.decision)})` };
    case 'runbook.imported':
      return { ...base, summary: `${d.replaced === true ? 'Replaced' : 'Imported'} runbook ${str(d.id)} v${str(d.version)} (${str(d.file)})` };
    default:
      return { ...base, summary: `${base.summary}${d.runbook ? ` — ${str(d.runbook)}` : ''}` };
  }
}
