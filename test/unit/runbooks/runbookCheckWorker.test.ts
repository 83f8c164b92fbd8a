import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lintRunbooks, loadResultOf, loadRunbook, RunbookCheckWorker } from '../../../main/runbooks';
import { findDeepNesting } from '../../../main/runbooks/findDeepNesting';

const RANSOMWARE = readFileSync(fileURLToPath(new URL('../../../runbooks/ransomware.yaml', import.meta.url)), 'utf8');
/** Just under 256 KiB of brackets 90 deep, line after line: among the slowest files the limits let through. */
const SLOW = `${'['.repeat(90)}${']'.repeat(90)}\n`.repeat(1448);

const workers: RunbookCheckWorker[] = [];
const newWorker = (opts: ConstructorParameters<typeof RunbookCheckWorker>[0] = {}) => {
  const w = new RunbookCheckWorker(opts);
  workers.push(w);
  return w;
};
afterAll(async () => {
  for (const w of workers) await w.close();
});

describe('the runbook worker (issue 13 §6)', () => {
  it('stops a file at the time limit with a clear problem, and the next file gets a new worker', async () => {
    expect(SLOW.length).toBeLessThanOrEqual(256 * 1024);
    const worker = newWorker();
    // A limit no real machine reads this file within; the default applies to the next call.
    const stopped = await worker.check('slow.yaml', SLOW, 20);
    expect(stopped).toEqual({ stopped: 'time', limitMs: 20 });
    expect(loadResultOf(stopped)).toEqual({
      ok: false,
      problems: [{ line: 1, col: 1, message: 'reading this file took longer than 0.02 s, the limit, and was stopped; a runbook is read in well under a second, so this file is not one Firebreak can use' }],
    });
    const [again] = await lintRunbooks([{ name: 'good.yaml', text: RANSOMWARE }], worker);
    expect(again).toMatchObject({ name: 'good.yaml', ok: true, id: 'ransomware', problems: [] });
  });

  it('stops a file at the memory limit with a clear problem, and the next file gets a new worker', async () => {
    // 16 MiB is enough to start and read a small file, not 256 KiB of YAML with its source tokens.
    const worker = newWorker({ heapMb: 16 });
    const big = Array.from({ length: 25_000 }, (_, i) => `k${i}: [a, b]`).join('\n').slice(0, 256 * 1024 - 1);
    // Time enough to reach the memory limit on a busy machine (the collector works hard near it).
    const stopped = await worker.check('big.yaml', big, 300_000);
    expect(stopped).toEqual({ stopped: 'memory', limitMb: 16 });
    expect(loadResultOf(stopped)).toEqual({
      ok: false,
      problems: [{ line: 1, col: 1, message: 'reading this file needed more than 16 MiB of memory, the limit, and was stopped; this file is not one Firebreak can use' }],
    });
    const [small] = await lintRunbooks([{ name: 'small.yaml', text: 'format: 1\nid: x\ntittle: y\n' }], worker);
    expect(small?.problems).toContain('small.yaml:3:1: unknown key "tittle"');
  });
});

describe('bounds the loader checks before parsing', () => {
  it('counts nesting generously but lets every built-in runbook through', () => {
    expect(findDeepNesting(RANSOMWARE)).toBeNull();
    expect(findDeepNesting(RANSOMWARE, 9)).not.toBeNull();
    // Brackets inside quotes, block scalars and comments are text, not nesting; indentation and `b:` count 3.
    expect(findDeepNesting(`a: "${'['.repeat(500)}"\nb: |\n  ${'{'.repeat(500)}\n# ${'['.repeat(500)}\n`)).toBeNull();
    expect(findDeepNesting(`a:\n  b: ${'[x, '.repeat(101)}`)).toEqual({
      line: 2, col: 6 + 4 * 97, message: 'lists and mappings are nested more than 100 levels deep here; a runbook needs only a few: flatten it',
    });
  });

  it('finds duplicate keys in linear time, with the message and place the parser gave', () => {
    const r = loadRunbook('dup.yaml', 'format: 1\nid: x\nformat: 1\n1: a\n"1": b\n');
    expect(r.ok ? [] : r.problems).toEqual([{ line: 3, col: 1, message: 'duplicate key "format"' }]);
  });

  it('refuses a file over the size limit without parsing it, as bytes on disk', () => {
    const r = loadRunbook('big.yaml', Buffer.alloc(256 * 1024 + 1, 0x61));
    expect(r.ok ? [] : r.problems).toEqual([{ line: 1, col: 1, message: 'the file is 262,145 bytes; a runbook file may be at most 256 KiB (262,144 bytes): shorten it, or split it into several runbooks' }]);
  });
});
