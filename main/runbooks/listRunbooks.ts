import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunbookSummary } from '../../contract';
import { loadRunbook } from './loadRunbook';
import { formatProblem } from './formatProblem';
import { runbookContentHash } from './runbookContentHash';

const RUNBOOK_FILE = /\.ya?ml$/i;

/**
 * Every runbook file in the built-in folder and the organisation's own folder, valid or not:
 * a broken file is listed with its problems (never half-loaded), so it is fixed rather than
 * silently missing. Sorted by source, then title.
 */
export function listRunbooks(builtinDir: string, customDir: string): RunbookSummary[] {
  const out: RunbookSummary[] = [];
  for (const [source, dir] of [['built-in', builtinDir], ['custom', customDir]] as const) {
    if (!existsSync(dir)) continue;
    const names = readdirSync(dir).filter((n) => RUNBOOK_FILE.test(n)).sort();
    for (const name of names) {
      const path = join(dir, name);
      const bytes = readFileSync(path);
      const result = loadRunbook(name, bytes);
      if (result.ok) {
        const d = result.runbook.definition;
        out.push({
          id: d.id, title: d.title, version: d.version, summary: d.summary, appliesTo: d.appliesTo,
          source, file: path, contentHash: result.runbook.contentHash, steps: d.steps.length, problems: [],
        });
      } else {
        out.push({
          id: null, title: null, version: null, summary: null, appliesTo: null,
          source, file: path, contentHash: runbookContentHash(bytes), steps: 0,
          problems: result.problems.map((p) => formatProblem(path, p)),
        });
      }
    }
  }
  return out;
}
