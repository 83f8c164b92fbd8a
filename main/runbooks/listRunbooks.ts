import type { RunbookSummary } from '../../contract';
import { formatProblem } from './formatProblem';
import { readRunbookFiles } from './findRunbook';

/**
 * Every runbook file in the built-in folder and the organisation's own folder, valid or not:
 * a broken file is listed with its problems (never half-loaded), so it is fixed rather than
 * silently missing. Two files with the same id are both flagged: a run could not tell them apart.
 */
export function listRunbooks(builtinDir: string, customDir: string): RunbookSummary[] {
  const files = readRunbookFiles({ builtin: builtinDir, custom: customDir });
  const ids = new Map<string, string[]>();
  for (const f of files) if (f.result.ok) ids.set(f.result.runbook.definition.id, [...(ids.get(f.result.runbook.definition.id) ?? []), f.path]);
  return files.map((f): RunbookSummary => {
    if (f.result.ok) {
      const d = f.result.runbook.definition;
      const twins = (ids.get(d.id) ?? []).filter((p) => p !== f.path);
      return {
        id: d.id, title: d.title, version: d.version, summary: d.summary, appliesTo: d.appliesTo,
        source: f.source, file: f.path, contentHash: f.result.runbook.contentHash, steps: d.steps.length,
        problems: twins.map((p) => `${f.path}:1:1: id "${d.id}" is also used by ${p}; give one of them another id`),
      };
    }
    return {
      id: null, title: null, version: null, summary: null, appliesTo: null,
      source: f.source, file: f.path, contentHash: f.contentHash, steps: 0,
      problems: f.result.problems.map((p) => formatProblem(f.path, p)),
    };
  });
}
