import { join } from 'node:path';
import { ReportWorker } from '../../reports';
import { DB_FILE } from '../../vault';
import type { Handlers } from './Context';

export const kpiHandlers: Pick<Handlers, 'kpis.get'> = {
  // No personal data in any figure: incidents are named by reference and title only.
  // Computed on the report worker's own read-only connection (runKpiJob.ts): a year over 100k
  // incidents takes a few hundred ms that the backend's event loop keeps for other requests.
  'kpis.get': (ctx, input) => {
    const { dataKey } = ctx.open();
    return ReportWorker.shared().run({
      kind: 'kpis', dbFile: join(ctx.dataDir, DB_FILE), keyHex: dataKey.toString('hex'), notifyDir: ctx.notifyDir, dataDir: ctx.dataDir, query: input, now: ctx.nowIso(),
    });
  },
};
