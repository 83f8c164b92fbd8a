import { join } from 'node:path';
import { roleHas } from '../../../contract';
import { generateIncidentReport, generatePeriodReport, verifyAnchor } from '../../reports';
import { DB_FILE } from '../../vault';
import { actorOf, type Handlers } from './Context';

export const reportHandlers: Pick<Handlers, 'reports.incident' | 'reports.period' | 'log.verifyAnchor'> = {
  'reports.incident': (ctx, { ref, format, tlp, redact }) => {
    const { dataKey } = ctx.open();
    const session = actorOf(ctx);
    return generateIncidentReport(() => ctx.open().db, {
      dbFile: join(ctx.dataDir, DB_FILE), keyHex: dataKey.toString('hex'), dataDir: ctx.dataDir, notifyDir: ctx.notifyDir,
      runbookDirs: { builtin: ctx.builtinRunbooksDir, custom: join(ctx.dataDir, 'runbooks') },
      actor: session.user, seesPii: roleHas(session.role, 'pii:read'), now: ctx.nowIso(),
    }, { ref, format, tlp, redact });
  },
  'reports.period': (ctx, input) => {
    const { dataKey } = ctx.open();
    const session = actorOf(ctx);
    return generatePeriodReport(() => ctx.open().db, {
      dbFile: join(ctx.dataDir, DB_FILE), keyHex: dataKey.toString('hex'), dataDir: ctx.dataDir, notifyDir: ctx.notifyDir,
      actor: session.user, seesPii: roleHas(session.role, 'pii:read'), now: ctx.nowIso(),
    }, input);
  },
  'log.verifyAnchor': (ctx, { seq, hash, reportSha256 }) => verifyAnchor(ctx.open().db, { seq, hash }, reportSha256),
};
