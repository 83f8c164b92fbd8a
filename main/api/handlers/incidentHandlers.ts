import { ApiFailure, PII_FIELDS, roleHas, type Incident, type TimelineEvent } from '../../../contract';
import {
  addIncidentNote, createIncident, getIncident, listIncidents, maskIncident, setIncidentStatus, updateIncident,
} from '../../incidents';
import { recordPersonalDataView } from '../../monitoring';
import { appendEvent, eventsForIncident, listEvents, verifyChain } from '../../timeline';
import { actorOf, type Context, type Handlers } from './Context';
import { openItemsForClosing } from './openItemsForClosing';
import { piiViewOf } from './piiView';

const seesPii = (ctx: Context): boolean => roleHas(actorOf(ctx).role, 'pii:read');
/** For a role without pii:read: the personal fields withheld, and their values masked in the title, summary and tags. */
const view = (ctx: Context, i: Incident): Incident => {
  const pii = piiViewOf(ctx);
  if (!pii) return i;
  const s = pii.scrubberOf(i.ref);
  return { ...maskIncident(i), title: s.scrub(i.title), summary: s.scrub(i.summary), tags: i.tags.map((t) => s.scrub(t)) };
};
const viewEvents = (ctx: Context, events: TimelineEvent[]): TimelineEvent[] => piiViewOf(ctx)?.events(events) ?? events;

function refusePiiWrite(ctx: Context, fields: object): void {
  if (seesPii(ctx)) return;
  const touched = PII_FIELDS.filter((f) => f in fields);
  if (touched.length) throw new ApiFailure('FORBIDDEN', `your role may not change personal data (${touched.join(', ')})`);
}

type IncidentMethods = 'incidents.list' | 'incidents.get' | 'incidents.create' | 'incidents.update' | 'incidents.setStatus'
  | 'incidents.addNote' | 'timeline.forIncident' | 'audit.list' | 'log.verify';

export const incidentHandlers: Pick<Handlers, IncidentMethods> = {
  'incidents.list': (ctx, q) => {
    const page = listIncidents(ctx.open().db, q);
    const pii = piiViewOf(ctx);
    if (!pii) return page;
    // A search's hits are shown by title and tags: a name typed there is masked as on the incident.
    return { ...page, rows: page.rows.map((r) => ({ ...r, title: pii.text(r.ref, r.title), tags: r.tags.map((t) => pii.text(r.ref, t)) })) };
  },
  'incidents.get': (ctx, { ref }) => {
    const { db } = ctx.open();
    const incident = getIncident(db, ref);
    // Who was shown whose personal data is itself a record (the access report, the burst rule).
    if (seesPii(ctx)) recordPersonalDataView(db, actorOf(ctx).user, incident, ctx.nowIso());
    return view(ctx, incident);
  },
  'incidents.create': (ctx, { overrideTimeOrder, ...fields }) => {
    refusePiiWrite(ctx, fields);
    return view(ctx, createIncident(ctx.open().db, actorOf(ctx).user, fields, ctx.nowIso(), overrideTimeOrder));
  },
  'incidents.update': (ctx, { ref, patch, overrideTimeOrder, reason }) => {
    refusePiiWrite(ctx, patch);
    return view(ctx, updateIncident(ctx.open().db, actorOf(ctx).user, ref, patch, ctx.nowIso(), { overrideTimeOrder, reason }));
  },
  'incidents.setStatus': (ctx, { ref, status, reason, skipPhases, overrideTimeOrder }) => {
    const { db } = ctx.open();
    // Read before the write transaction, in the same synchronous call (nothing in this process can
    // come between): the deadline board assesses every open incident (4–5 s at 2,000 of them), and
    // holding the write lock that long would make other processes' writes time out.
    const openItems = status === 'closed' ? openItemsForClosing(ctx, ref) : [];
    return view(ctx, setIncidentStatus(db, actorOf(ctx).user, ref, { status, reason, skipPhases, overrideTimeOrder, openItems }, ctx.nowIso()));
  },
  'incidents.addNote': (ctx, { ref, text }) => {
    const event = addIncidentNote(ctx.open().db, actorOf(ctx).user, ref, text, ctx.nowIso());
    return viewEvents(ctx, [event])[0] ?? event;
  },
  'timeline.forIncident': (ctx, { ref }) => {
    const { db } = ctx.open();
    getIncident(db, ref);
    return viewEvents(ctx, eventsForIncident(db, ref));
  },
  'audit.list': (ctx, q) => {
    const page = listEvents(ctx.open().db, q);
    return { ...page, rows: viewEvents(ctx, page.rows) };
  },
  'log.verify': (ctx) => {
    const { db } = ctx.open();
    const result = verifyChain(db);
    // A broken chain is an alert (chain-verification-failed): appended after the check, so the
    // check itself reports the chain as it found it.
    if (!result.ok) {
      appendEvent(db, { actor: actorOf(ctx).user, type: 'log.verification_failed', ts: ctx.nowIso(), data: { firstBadSeq: result.firstBadSeq ?? null, problem: result.problem ?? null } });
    }
    return result;
  },
};
