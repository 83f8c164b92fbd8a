import {
  approveDraft, createDraft, diffDraft, exportDraft, listDrafts, loadRegimeLibrary, markDraftSent, readDraft, recomposeDraft, reviseDraft, supplementDraft,
} from '../../notify';
import { getNotifyPlan } from '../../settings';
import { actorOf, type Context, type Handlers } from './Context';

type DraftMethods = 'notify.drafts.create' | 'notify.drafts.list' | 'notify.drafts.get' | 'notify.drafts.revise' | 'notify.drafts.diff'
  | 'notify.drafts.approve' | 'notify.drafts.markSent' | 'notify.drafts.supplement' | 'notify.drafts.export' | 'notify.drafts.recompose';

const library = (ctx: Context) => loadRegimeLibrary(ctx.notifyDir, ctx.dataDir);

export const notifyDraftHandlers: Pick<Handlers, DraftMethods> = {
  'notify.drafts.create': (ctx, input) => {
    const { db } = ctx.open();
    return createDraft(db, library(ctx), { ...input, twoApprovers: input.twoApprovers ?? getNotifyPlan(db).twoApprovers }, actorOf(ctx).user, ctx.nowIso());
  },
  'notify.drafts.list': (ctx, { ref }) => listDrafts(ctx.open().db, ref),
  'notify.drafts.get': (ctx, { id, version }) => readDraft(ctx.open().db, id, version),
  'notify.drafts.revise': (ctx, input) => reviseDraft(ctx.open().db, input, actorOf(ctx).user, ctx.nowIso()),
  'notify.drafts.recompose': (ctx, { id }) => recomposeDraft(ctx.open().db, library(ctx), id, actorOf(ctx).user, ctx.nowIso()),
  'notify.drafts.diff': (ctx, { id, from, to }) => diffDraft(ctx.open().db, id, from, to),
  'notify.drafts.approve': (ctx, { id }) => approveDraft(ctx.open().db, id, actorOf(ctx).user, ctx.nowIso()),
  'notify.drafts.markSent': (ctx, input) => markDraftSent(ctx.open().db, input, actorOf(ctx).user, ctx.nowIso()),
  'notify.drafts.supplement': (ctx, { id }) => supplementDraft(ctx.open().db, library(ctx), id, actorOf(ctx).user, ctx.nowIso()),
  'notify.drafts.export': (ctx, input) => {
    const { db } = ctx.open();
    // Dates are written as the regime's jurisdiction writes them; a regime file since removed falls back to UTC.
    const regime = library(ctx).regimes.find((r) => r.id === readDraft(db, input.id).regimeId);
    return exportDraft(db, input, regime?.jurisdiction ?? { code: 'EU', timeZone: 'UTC' }, ctx.nowIso());
  },
};
