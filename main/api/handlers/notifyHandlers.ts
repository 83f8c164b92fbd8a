import { assessRegimes, deadlineBoard, getBreachFacts, loadRegimeLibrary, setBreachFacts } from '../../notify';
import { actorOf, type Context, type Handlers } from './Context';

type NotifyMethods = 'notify.regimes' | 'notify.facts.get' | 'notify.facts.set' | 'notify.assess' | 'notify.assessFacts' | 'notify.board';

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
    const stored = setBreachFacts(ctx.open().db, ref, patch, actorOf(ctx).user, ctx.nowIso());
    return assessRegimes(lib, stored.facts, ctx.nowIso());
  },
  'notify.assess': (ctx, { ref }) => assessRegimes(library(ctx), getBreachFacts(ctx.open().db, ref).facts, ctx.nowIso()),
  'notify.assessFacts': (ctx, { facts }) => assessRegimes(library(ctx), facts, ctx.nowIso()),
  'notify.board': (ctx) => deadlineBoard(ctx.open().db, library(ctx), ctx.nowIso()),
};
