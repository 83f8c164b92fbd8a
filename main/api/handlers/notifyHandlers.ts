import { assessIncident, assessRegimes, deadlineBoard, decideObligation, getBreachFacts, loadRegimeLibrary, setBreachFacts } from '../../notify';
import { actorOf, type Context, type Handlers } from './Context';

type NotifyMethods = 'notify.regimes' | 'notify.facts.get' | 'notify.facts.set' | 'notify.assess' | 'notify.assessFacts' | 'notify.board' | 'notify.decide';

const library = (ctx: Context) => loadRegimeLibrary(ctx.notifyDir, ctx.dataDir);

export const notifyHandlers: Pick<Handlers, NotifyMethods> = {
  'notify.regimes': (ctx) =>
    library(ctx).regimes.map((r) => ({
      id: r.id, name: r.name, title: r.title, audience: r.audience, recipient: r.recipient, reviewedOn: r.reviewed.on,
      jurisdiction: { code: r.jurisdiction.code, name: r.jurisdiction.name, timeZone: r.jurisdiction.timeZone },
      sources: r.sources.map((s) => ({ cite: s.cite, url: s.url })),
    })),
  'notify.facts.get': (ctx, { ref }) => ({ ref, ...getBreachFacts(ctx.open().db, ref) }),
  'notify.facts.set': (ctx, { ref, patch }) => {
    const lib = library(ctx);
    const { db } = ctx.open();
    setBreachFacts(db, ref, patch, actorOf(ctx).user, ctx.nowIso());
    return assessIncident(db, lib, ref, ctx.nowIso());
  },
  'notify.assess': (ctx, { ref }) => assessIncident(ctx.open().db, library(ctx), ref, ctx.nowIso()),
  'notify.assessFacts': (ctx, { facts }) => assessRegimes(library(ctx), facts, ctx.nowIso()),
  'notify.board': (ctx) => deadlineBoard(ctx.open().db, library(ctx), ctx.nowIso()),
  'notify.decide': (ctx, input) => decideObligation(ctx.open().db, library(ctx), input, actorOf(ctx).user, ctx.nowIso()),
};
