/**
 * Bench 7's Firebreak part, in a process of its own so that its peak RSS is the backup code's
 * (run by benchBackups.ts under /usr/bin/time -v). Progress to stderr, the figures as one JSON
 * line on stdout.
 */
import { firebreakWork, type TreeShape } from './benchBackups';

const { dir, tree, shape } = JSON.parse(process.argv[2] ?? '{}') as { dir: string; tree: string; shape: TreeShape };
const t0 = performance.now();
const progress = (message: string) => process.stderr.write(`[child ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
const figures = await firebreakWork({ dir, sizes: {} as never, progress }, tree, shape);
process.stdout.write(`${JSON.stringify(figures)}\n`);
