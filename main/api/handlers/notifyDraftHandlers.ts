import {
  approveDraft, createDraft, diffDraft, exportDraft, listDrafts, loadRegimeLibrary, markDraftSent, readDraft, recomposeDraft, reviseDraft, supplementDraft,
} from '../../notify';
import { getNotifyPlan } from '../../settings';
import type { Draft, DraftDiff } from '../../../contract';
import { actorOf, type Context, type Handlers } from './Context';
import { piiViewOf } from './piiView';

type DraftMethods = 'notify.drafts.create' | 'notify.drafts.list' | 'notify.drafts.get' | 'notify.drafts.revise' | 'notify.drafts.diff'
  | 'notify.drafts.approve' | 'notify.drafts.markSent' | 'notify.drafts.supplement' | 'notify.drafts.export' | 'notify.drafts.recompose';

const library = (ctx: Context) => loadRegimeLibrary(ctx.notifyDir, ctx.dataDir);

/** For a role without pii:read, the incident's personal values are masked wherever the notice's text names them (piiView). */
const view = (ctx: Context, d: Draft): Draft => piiViewOf(ctx)?.scrubberOf(d.ref).scrubDeep(d) ?? d;

export const notifyDraftHandlers: Pick<Handlers, DraftMethods> = {
  'notify.drafts.create': (ctx, input) => {
    const { db } = ctx.open();
    return view(ctx, createDraft(db, library(ctx), { ...input, twoApprovers: input.twoApprovers ?? getNotifyPlan(db).twoApprovers }, actorOf(ctx).user, ctx.nowIso()));
  },
  'notify.drafts.list': (ctx, { ref }) => listDrafts(ctx.open().db, ref),
  'notify.drafts.get': (ctx, { id, version }) => view(ctx, readDraft(ctx.open().db, id, version)),
  'notify.drafts.revise': (ctx, input) => view(ctx, reviseDraft(ctx.open().db, input, actorOf(ctx).user, ctx.nowIso())),
  'notify.drafts.recompose': (ctx, { id }) => view(ctx, recomposeDraft(ctx.open().db, library(ctx), id, actorOf(ctx).user, ctx.nowIso())),
  'notify.drafts.diff': (ctx, { id, from, to }) => {
    const { db } = ctx.open();
    const diff = diffDraft(db, id, from, to);
    const pii = piiViewOf(ctx);
    return pii ? pii.scrubberOf(readDraft(db, id).ref).scrubDeep<DraftDiff>(diff) : diff;
  },
  'notify.drafts.approve': (ctx, { id }) => view(ctx, approveDraft(ctx.open().db, id, actorOf(ctx).user, ctx.nowIso())),
  'notify.drafts.markSent': (ctx, input) => view(ctx, markDraftSent(ctx.open().db, input, actorOf(ctx).user, ctx.nowIso())),
  'notify.drafts.supplement': (ctx, { id }) => view(ctx, supplementDraft(ctx.open().db, library(ctx), id, actorOf(ctx).user, ctx.nowIso())),
  'notify.drafts.export': (ctx, input) => {
    const { db } = ctx.open();
    // Dates are written as the regime's jurisdiction writes them; a regime file since removed falls back to UTC.
    const draft = readDraft(db, input.id);
    const regime = library(ctx).regimes.find((r) => r.id === draft.regimeId);
    const scrubber = piiViewOf(ctx)?.scrubberOf(draft.ref);
    const mask = scrubber ? (t: string) => scrubber.scrub(t) : undefined;
    return exportDraft(db, { ...input, mask }, regime?.jurisdiction ?? { code: 'EU', timeZone: 'UTC' }, ctx.nowIso());
  },
};
