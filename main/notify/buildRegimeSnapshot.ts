import { parseShippedRules } from './RegimeLibrary';
import { regimeSnapshotFile, writeRegimeSnapshot } from './regimeSnapshot';

/**
 * Parses and checks the shipped rules in `builtinDir` and writes their snapshot beside the bundles
 * (dist/notify-library.json). Called by scripts/build-cli.mjs after bundling; a broken rule file
 * fails the build with its file:line:col problems, as it would fail every assessment.
 */
export function buildRegimeSnapshot(builtinDir: string): { file: string; files: number } {
  const entries = parseShippedRules(builtinDir);
  const file = regimeSnapshotFile(builtinDir);
  writeRegimeSnapshot(file, entries);
  return { file, files: Object.keys(entries).length };
}
