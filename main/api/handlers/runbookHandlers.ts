import { join } from 'node:path';
import { formatProblem, listRunbooks, loadRunbook } from '../../runbooks';
import type { Handlers } from './Context';

export const runbookHandlers: Pick<Handlers, 'runbooks.list' | 'runbooks.lint'> = {
  'runbooks.list': (ctx) => listRunbooks(ctx.builtinRunbooksDir, join(ctx.dataDir, 'runbooks')),
  'runbooks.lint': (_ctx, { files }) =>
    files.map(({ name, text }) => {
      const result = loadRunbook(name, text);
      if (result.ok) {
        const d = result.runbook.definition;
        return { name, ok: true, id: d.id, version: d.version, contentHash: result.runbook.contentHash, problems: [] };
      }
      return { name, ok: false, id: null, version: null, contentHash: '', problems: result.problems.map((p) => formatProblem(name, p)) };
    }),
};
