import { ApiFailure, PII_FIELDS, roleHas, type Incident, type TimelineEvent } from '../../../contract';
import {
  addIncidentNote, createIncident, getIncident, listIncidents, maskIncident, setIncidentStatus, updateIncident,
} from '../../incidents';
import { eventsForIncident, listEvents, maskEvent, verifyChain } from '../../timeline';
import { actorOf, type Context, type Handlers } from './Context';

const seesPii = (ctx: Context): boolean => roleHas(actorOf(ctx).role, 'pii:read');
const view = (ctx: Context, i: Incident): Incident => (seesPii(ctx) ? i : maskIncident(i));
const viewEvents = (ctx: Context, events: TimelineEvent[]): TimelineEvent[] => (seesPii(ctx) ? events : events.map(maskEvent));

function refusePiiWrite(ctx: Context, fields: object): void {
  if (seesPii(ctx)) return;
  const touched = PII_FIELDS.filter((f) => f in fields);
  if (touched.length) throw new ApiFailure('FORBIDDEN', `your role may not change personal data (${touched.join(', ')})`);
}

type IncidentMethods = 'incidents.list' | 'incidents.get' | 'incidents.create' | 'incidents.update' | 'incidents.setStatus'
  | 'incidents.addNote' | 'timeline.forIncident' | 'audit.list' | 'log.verify';

export const incidentHandlers: Pick<Handlers, IncidentMethods> = {
  'incidents.list': (ctx, q) => listIncidents(ctx.open().db, q),
  'incidents.get': (ctx, { ref }) => view(ctx, getIncident(ctx.open().db, ref)),
  'incidents.create': (ctx, input) => {
    refusePiiWrite(ctx, input);
    return view(ctx, createIncident(ctx.open().db, actorOf(ctx).user, input, ctx.nowIso()));
  },
  'incidents.update': (ctx, { ref, patch }) => {
    refusePiiWrite(ctx, patch);
    return view(ctx, updateIncident(ctx.open().db, actorOf(ctx).user, ref, patch, ctx.nowIso()));
  },
  'incidents.setStatus': (ctx, { ref, status, reason }) =>
    view(ctx, setIncidentStatus(ctx.open().db, actorOf(ctx).user, ref, status, reason, ctx.nowIso())),
  'incidents.addNote': (ctx, { ref, text }) => addIncidentNote(ctx.open().db, actorOf(ctx).user, ref, text, ctx.nowIso()),
  'timeline.forIncident': (ctx, { ref }) => {
    const { db } = ctx.open();
    getIncident(db, ref);
    return viewEvents(ctx, eventsForIncident(db, ref));
  },
  'audit.list': (ctx, q) => {
    const page = listEvents(ctx.open().db, q);
    return { ...page, rows: viewEvents(ctx, page.rows) };
  },
  'log.verify': (ctx) => verifyChain(ctx.open().db),
};
