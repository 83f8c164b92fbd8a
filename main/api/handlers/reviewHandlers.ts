import { ApiFailure, roleHas, type TimelineEvent } from '../../../contract';
import {
  addActionItem, closeActionItem, getActionItem, getReview, listActionItems, listKeyEvents, reopenActionItem, reviewHistory, saveReview,
  signOffReview, starEvent, updateActionItem,
} from '../../reviews';
import { appendEvent, maskEvent } from '../../timeline';
import { actorOf, type Context, type Handlers } from './Context';

type ReviewMethods = 'reviews.get' | 'reviews.save' | 'reviews.signOff' | 'reviews.history' | 'reviews.keyEvents' | 'timeline.star'
  | 'actions.list' | 'actions.get' | 'actions.add' | 'actions.update' | 'actions.done' | 'actions.wontDo' | 'actions.reopen';

const viewEvents = (ctx: Context, events: TimelineEvent[]): TimelineEvent[] => (roleHas(actorOf(ctx).role, 'pii:read') ? events : events.map(maskEvent));

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
  'reviews.get': (ctx, { ref, version }) => getReview(ctx.open().db, ref, version),
  'reviews.save': (ctx, input) => saveReview(ctx.open().db, input, actorOf(ctx).user, ctx.nowIso()),
  'reviews.signOff': (ctx, input) => signOffReview(ctx.open().db, input, actorOf(ctx).user, ctx.nowIso()),
  'reviews.history': (ctx, input) => reviewHistory(ctx.open().db, input),
  'reviews.keyEvents': (ctx, { ref }) => viewEvents(ctx, listKeyEvents(ctx.open().db, ref)),
  'timeline.star': (ctx, input) => starEvent(ctx.open().db, input, actorOf(ctx).user, ctx.nowIso()),

  'actions.list': (ctx, filter) => {
    const owner = readableOwner(ctx, 'actions.list', filter.owner);
    return listActionItems(ctx.open().db, { ...filter, ...(owner !== null ? { owner } : {}), now: ctx.nowIso() });
  },
  'actions.get': (ctx, { id }) => {
    const item = getActionItem(ctx.open().db, id, ctx.nowIso());
    readableOwner(ctx, 'actions.get', item.owner);
    return item;
  },
  'actions.add': (ctx, input) => addActionItem(ctx.open().db, input, actorOf(ctx).user, ctx.nowIso()),
  'actions.update': (ctx, input) => updateActionItem(ctx.open().db, input, actorOf(ctx).user, ctx.nowIso()),
  'actions.done': (ctx, { id, note }) => closeActionItem(ctx.open().db, { id, outcome: 'done', text: note }, actorOf(ctx).user, ctx.nowIso()),
  'actions.wontDo': (ctx, { id, reason }) => closeActionItem(ctx.open().db, { id, outcome: 'wont_do', text: reason }, actorOf(ctx).user, ctx.nowIso()),
  'actions.reopen': (ctx, input) => reopenActionItem(ctx.open().db, input, actorOf(ctx).user, ctx.nowIso()),
};
