import type { DataProblem, KpiResult } from '../../../contract';
import { computeKpis } from '../../kpis';
import { loadRegimeLibrary } from '../../notify';
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
  'kpis.get': (ctx, input) => viewKpis(ctx, computeKpis(ctx.open().db, loadRegimeLibrary(ctx.notifyDir, ctx.dataDir), input, ctx.nowIso())),
};
