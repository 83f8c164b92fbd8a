import { ApiFailure, REVIEW_SECTION_INFO, REVIEW_SECTIONS, roleHas, type ActionItem, type ActionItemPage, type Review, type ReviewHistory, type ReviewSection } from '../../../contract';
import {
  addActionItem, closeActionItem, getActionItem, getReview, listActionItems, listKeyEvents, reopenActionItem, reviewHistory, saveReview,
  signOffReview, starEvent, updateActionItem,
} from '../../reviews';
import { WITHHELD } from '../../incidents';
import { appendEvent } from '../../timeline';
import { actorOf, type Context, type Handlers } from './Context';
import { piiViewOf, type PiiView } from './piiView';

type ReviewMethods = 'reviews.get' | 'reviews.save' | 'reviews.signOff' | 'reviews.history' | 'reviews.keyEvents' | 'timeline.star'
  | 'actions.list' | 'actions.get' | 'actions.add' | 'actions.update' | 'actions.done' | 'actions.wontDo' | 'actions.reopen';

/** For a role without pii:read, the incident's personal values are masked in the review's text (piiView). */
function viewReview(pii: PiiView | null, r: Review): Review {
  if (!pii) return r;
  const s = pii.scrubberOf(r.ref);
  const sections = Object.fromEntries(REVIEW_SECTIONS.map((k) => [k, s.scrub(r.sections[k])])) as Review['sections'];
  return { ...r, sections, reopened: r.reopened ? { ...r.reopened, reason: s.scrub(r.reopened.reason) } : null };
}

function viewHistory(pii: PiiView | null, h: ReviewHistory): ReviewHistory {
  if (!pii) return h;
  return { ...h, versions: h.versions.map((v) => (v.reopened ? { ...v, reopened: { ...v.reopened, reason: pii.text(h.ref, v.reopened.reason) } } : v)) };
}

function viewItem(pii: PiiView | null, i: ActionItem): ActionItem {
  if (!pii) return i;
  const s = pii.scrubberOf(i.ref);
  return { ...i, title: s.scrub(i.title), incidentTitle: s.scrub(i.incidentTitle), note: i.note === null ? null : s.scrub(i.note) };
}

const viewItems = (pii: PiiView | null, page: ActionItemPage): ActionItemPage => (pii ? { ...page, rows: page.rows.map((i) => viewItem(pii, i)) } : page);

/**
 * A writer without pii:read edits the masked text: each "[personal data withheld]" they kept is
 * put back as the value it stands for, so their save never replaces a name others may read with
 * the marker. When some markers remain but not one for each hidden value, which is which cannot be
 * known: refused, naming the fix, and nothing is saved. Text without markers is stored as written.
 */
function restoreWithheld(pii: PiiView, ref: string, label: string, edited: string, original: string): string {
  const restored = pii.scrubberOf(ref).restoreWithheld(edited, original);
  if (restored !== null) return restored;
  const hidden = pii.scrubberOf(ref).hiddenIn(original).length;
  const kept = edited.split(WITHHELD).length - 1;
  throw new ApiFailure('VALIDATION', `${label}: the saved text holds personal data your role may not read, shown as ${WITHHELD} ${hidden === 1 ? 'once' : `${hidden} times`}; your text has that marker ${kept === 1 ? 'once' : `${kept} times`}. Leave each marker where it was, or remove them all; someone who may read personal data (pii:read) can change those parts. Nothing was saved`, {
    issues: [`${label}: keep each ${WITHHELD} marker (${hidden}) or remove them all`],
  });
}

function restoreSections(ctx: Context, pii: PiiView, input: { ref: string; baseVersion: number; sections: Partial<Record<ReviewSection, string | undefined>> }) {
  const latest = getReview(ctx.open().db, input.ref);
  // On an older base the save is refused as a conflict anyway (saveReview).
  if (latest.version !== input.baseVersion) return input.sections;
  const out: Partial<Record<ReviewSection, string>> = {};
  for (const k of REVIEW_SECTIONS) {
    const given = input.sections[k];
    if (given !== undefined) out[k] = restoreWithheld(pii, input.ref, REVIEW_SECTION_INFO[k].title, given, latest.sections[k]);
  }
  return out;
}

/**
 * Whose action items the caller may read: everyone's with `report:read`; a role that may only
 * work items (`action:write`, the backup operator) reads the ones it owns. Null: no restriction.
 */
function readableOwner(ctx: Context, method: 'actions.list' | 'actions.get', asked: string | undefined): string | null {
  const { role, user } = actorOf(ctx);
  if (roleHas(role, 'report:read')) return null;
  // Refused here rather than by the router (the access is `session`), and recorded like its refusals.
  const deny = (message: string): never => {
    appendEvent(ctx.open().db, { actor: user, type: 'auth.denied', ts: ctx.nowIso(), data: { method, needs: 'report:read', role } });
    throw new ApiFailure('FORBIDDEN', message);
  };
  if (!roleHas(role, 'action:write')) return deny(`the ${role} role may not read action items (needs report:read)`);
  if (asked !== undefined && asked !== user) return deny(`the ${role} role reads only the action items it owns: leave out owner or give ${user} (others' items need report:read)`);
  return user;
}

export const reviewHandlers: Pick<Handlers, ReviewMethods> = {
  'reviews.get': (ctx, { ref, version }) => viewReview(piiViewOf(ctx), getReview(ctx.open().db, ref, version)),
  'reviews.save': (ctx, input) => {
    const pii = piiViewOf(ctx);
    const sections = pii ? restoreSections(ctx, pii, input) : input.sections;
    return viewReview(pii, saveReview(ctx.open().db, { ...input, sections }, actorOf(ctx).user, ctx.nowIso()));
  },
  'reviews.signOff': (ctx, input) => viewReview(piiViewOf(ctx), signOffReview(ctx.open().db, input, actorOf(ctx).user, ctx.nowIso())),
  'reviews.history': (ctx, input) => viewHistory(piiViewOf(ctx), reviewHistory(ctx.open().db, input)),
  'reviews.keyEvents': (ctx, { ref }) => {
    const events = listKeyEvents(ctx.open().db, ref);
    return piiViewOf(ctx)?.events(events) ?? events;
  },
  'timeline.star': (ctx, input) => starEvent(ctx.open().db, input, actorOf(ctx).user, ctx.nowIso()),

  'actions.list': (ctx, filter) => {
    const owner = readableOwner(ctx, 'actions.list', filter.owner);
    return viewItems(piiViewOf(ctx), listActionItems(ctx.open().db, { ...filter, ...(owner !== null ? { owner } : {}), now: ctx.nowIso() }));
  },
  'actions.get': (ctx, { id }) => {
    const item = getActionItem(ctx.open().db, id, ctx.nowIso());
    readableOwner(ctx, 'actions.get', item.owner);
    return viewItem(piiViewOf(ctx), item);
  },
  'actions.add': (ctx, input) => viewItem(piiViewOf(ctx), addActionItem(ctx.open().db, input, actorOf(ctx).user, ctx.nowIso())),
  'actions.update': (ctx, input) => {
    const pii = piiViewOf(ctx);
    let { title } = input;
    if (pii && title !== undefined) {
      const stored = getActionItem(ctx.open().db, input.id, ctx.nowIso());
      title = restoreWithheld(pii, stored.ref, 'title', title, stored.title);
    }
    return viewItem(pii, updateActionItem(ctx.open().db, { ...input, title }, actorOf(ctx).user, ctx.nowIso()));
  },
  'actions.done': (ctx, { id, note }) => viewItem(piiViewOf(ctx), closeActionItem(ctx.open().db, { id, outcome: 'done', text: note }, actorOf(ctx).user, ctx.nowIso())),
  'actions.wontDo': (ctx, { id, reason }) => viewItem(piiViewOf(ctx), closeActionItem(ctx.open().db, { id, outcome: 'wont_do', text: reason }, actorOf(ctx).user, ctx.nowIso())),
  'actions.reopen': (ctx, input) => viewItem(piiViewOf(ctx), reopenActionItem(ctx.open().db, input, actorOf(ctx).user, ctx.nowIso())),
};
