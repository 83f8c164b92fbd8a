import { mappingNotes, normalizeAffectedCounts, normalizeJurisdictions, type Assessment, type JurisdictionMapping } from '../../../contract';
import { assessIncident, assessRegimes, deadlineBoard, decideObligation, getBreachFacts, loadRegimeLibrary, setBreachFacts } from '../../notify';
import { actorOf, type Context, type Handlers } from './Context';
import { piiViewOf } from './piiView';

type NotifyMethods = 'notify.regimes' | 'notify.facts.get' | 'notify.facts.set' | 'notify.assess' | 'notify.assessFacts' | 'notify.board' | 'notify.decide';

const library = (ctx: Context) => loadRegimeLibrary(ctx.notifyDir, ctx.dataDir);

/** The aliases read as codes in this request, first among the assessment's notes on codes. */
const withMappings = (a: Assessment, mapped: JurisdictionMapping[]): Assessment =>
  mapped.length === 0 ? a : { ...a, jurisdictionNotes: [...mappingNotes(mapped), ...a.jurisdictionNotes] };

export const notifyHandlers: Pick<Handlers, NotifyMethods> = {
  'notify.regimes': (ctx) =>
    library(ctx).regimes.map((r) => ({
      id: r.id, name: r.name, title: r.title, audience: r.audience, recipient: r.recipient, reviewedOn: r.reviewed.on,
      jurisdiction: { code: r.jurisdiction.code, name: r.jurisdiction.name, timeZone: r.jurisdiction.timeZone },
      sources: r.sources.map((s) => ({ cite: s.cite, url: s.url })),
    })),
  'notify.facts.get': (ctx, { ref }) => {
    const facts = { ref, ...getBreachFacts(ctx.open().db, ref) };
    // The narrative fields are free text: a name typed there is masked for a role without pii:read.
    return piiViewOf(ctx)?.scrubberOf(ref).scrubDeep(facts) ?? facts;
  },
  'notify.facts.set': (ctx, { ref, patch }) => {
    const lib = library(ctx);
    const { db } = ctx.open();
    const stored = setBreachFacts(db, ref, patch, actorOf(ctx).user, ctx.nowIso());
    return withMappings(assessIncident(db, lib, ref, ctx.nowIso()), stored.mapped);
  },
  'notify.assess': (ctx, { ref }) => {
    const a = assessIncident(ctx.open().db, library(ctx), ref, ctx.nowIso());
    // A decision's reason is free text: masked like any other for a role without pii:read.
    return piiViewOf(ctx)?.scrubberOf(ref).scrubDeep(a) ?? a;
  },
  'notify.assessFacts': (ctx, { facts }) => {
    // A facts file may say UK: it is assessed as GB, and the assessment says so.
    const affected = normalizeAffectedCounts(facts.affected);
    const established = normalizeJurisdictions(facts.establishedIn, 'establishedIn');
    const read = { ...facts, affected: affected.rows, establishedIn: [...new Set(established.codes)] };
    return withMappings(assessRegimes(library(ctx), read, ctx.nowIso()), [...affected.mapped, ...established.mapped]);
  },
  'notify.board': (ctx) => {
    const rows = deadlineBoard(ctx.open().db, library(ctx), ctx.nowIso());
    const pii = piiViewOf(ctx);
    return pii ? rows.map((r) => ({ ...r, title: pii.text(r.ref, r.title) })) : rows;
  },
  'notify.decide': (ctx, input) => decideObligation(ctx.open().db, library(ctx), input, actorOf(ctx).user, ctx.nowIso()),
};
