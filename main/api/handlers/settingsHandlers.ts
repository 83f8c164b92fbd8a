import { getLetterhead, setLetterhead } from '../../settings';
import { actorOf, type Handlers } from './Context';

type SettingsMethods = 'settings.letterhead.get' | 'settings.letterhead.set';

export const settingsHandlers: Pick<Handlers, SettingsMethods> = {
  'settings.letterhead.get': (ctx) => getLetterhead(ctx.open().db),
  'settings.letterhead.set': (ctx, letterhead) => setLetterhead(ctx.open().db, letterhead, actorOf(ctx).user, ctx.nowIso()),
};
