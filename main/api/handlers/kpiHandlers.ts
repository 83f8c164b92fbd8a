import { join } from 'node:path';
import type { DataProblem, KpiResult } from '../../../contract';
import { ReportWorker } from '../../reports';
import { DB_FILE } from '../../vault';
import type { Context, Handlers } from './Context';
import { piiViewOf } from './piiView';

/**
 * No personal data in any figure: incidents are named by reference and title only. A title and an
 * override's reason are free text, though: a name typed there is masked for a role without pii:read.
 */
function viewKpis(ctx: Context, result: KpiResult): KpiResult {
  const pii = piiViewOf(ctx);
  if (!pii) return result;
  return {
    ...result,
    dataProblems: result.dataProblems.map((p): DataProblem =>
      p.kind === 'time-order'
        ? { ...p, title: pii.text(p.ref, p.title), reason: p.reason === null ? null : pii.text(p.ref, p.reason) }
        : { ...p, title: pii.text(p.ref, p.title) }),
  };
}

export const kpiHandlers: Pick<Handlers, 'kpis.get'> = {
  // Computed on the report worker's own read-only connection (runKpiJob.ts): a year over 100k
  // incidents takes a few hundred ms that the backend's event loop keeps for other requests.
  'kpis.get': async (ctx, input) => {
    const { dataKey } = ctx.open();
    const result = await ReportWorker.shared().run({
      kind: 'kpis', dbFile: join(ctx.dataDir, DB_FILE), keyHex: dataKey.toString('hex'), notifyDir: ctx.notifyDir, dataDir: ctx.dataDir, query: input, now: ctx.nowIso(),
    });
    return viewKpis(ctx, result);
  },
};
