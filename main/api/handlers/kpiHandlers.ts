import { computeKpis } from '../../kpis';
import { loadRegimeLibrary } from '../../notify';
import type { Handlers } from './Context';

export const kpiHandlers: Pick<Handlers, 'kpis.get'> = {
  // No personal data in any figure: incidents are named by reference and title only.
  'kpis.get': (ctx, input) => computeKpis(ctx.open().db, loadRegimeLibrary(ctx.notifyDir, ctx.dataDir), input, ctx.nowIso()),
};
