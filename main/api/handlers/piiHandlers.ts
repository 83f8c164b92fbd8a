import { eraseIncidentPersonalData } from '../../incidents';
import { actorOf, type Handlers } from './Context';

/** Personal data as a whole: erasing it (crypto-shredding, docs/security.md). */
export const piiHandlers: Pick<Handlers, 'pii.erase'> = {
  'pii.erase': (ctx, { ref, reason }) => eraseIncidentPersonalData(ctx.open().db, ctx.dataDir, ref, actorOf(ctx).user, reason, ctx.nowIso()),
};
