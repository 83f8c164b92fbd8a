import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadRunbook, type LoadResult } from '../../../main/runbooks';

const RANSOMWARE = readFileSync(fileURLToPath(new URL('../../../runbooks/ransomware.yaml', import.meta.url)), 'utf8');

/** The loader's contract: a runbook or a non-empty list of positioned problems, never a throw. */
function expectWellFormed(result: LoadResult, text: string) {
  if (result.ok) {
    expect(result.runbook.contentHash).toMatch(/^[0-9a-f]{64}$/);
    return;
  }
  expect(result.problems.length).toBeGreaterThan(0);
  const lines = text.split(/\r\n|\r|\n/).length + 1;
  for (const p of result.problems) {
    expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines).toBe(true);
    expect(Number.isInteger(p.col) && p.col >= 1).toBe(true);
    expect(p.message.length).toBeGreaterThan(0);
  }
}

const keys = fc.constantFrom('format', 'id', 'title', 'version', 'summary', 'appliesTo', 'sources', 'steps', 'kind', 'phase',
  'requires', 'when', 'answers', 'goto', 'repeatFrom', 'items', 'name', 'type', 'csf', 'picerl', 'value', 'label', 'x');
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
    fc.constantFrom('task', 'decision', 'SEV1', 'Respond', 'Containment', '1.0.0', 'ransomware'),
    fc.array(tie('tree'), { maxLength: 5 }),
    fc.dictionary(keys, tie('tree'), { maxKeys: 6 }),
  ),
}));

describe('loadRunbook on random input never throws', () => {
  it('random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => expectWellFormed(loadRunbook('r.yaml', text), text)), { numRuns: 500 });
  });

  it('random YAML-ish text (YAML punctuation, indentation, anchors, tags)', () => {
    const token = fc.constantFrom('- ', ': ', '  ', '\n', '\t', '[', ']', '{', '}', ',', '&a ', '*a', '!!str ', '!x ', '? ', '|', '>', '#', '"', "'", '---\n', '...\n', 'id', 'steps', 'kind: task', '<<: *a');
    fc.assert(fc.property(fc.array(fc.oneof(token, fc.string({ maxLength: 5 })), { maxLength: 80 }), (parts) => {
      const text = parts.join('');
      expectWellFormed(loadRunbook('r.yaml', text), text);
    }), { numRuns: 500 });
  });

  it('random nested objects serialized as YAML', () => {
    fc.assert(fc.property(tree, (value) => {
      const text = stringify(value);
      expectWellFormed(loadRunbook('r.yaml', text), text);
    }), { numRuns: 500 });
  });

  it('the ransomware runbook with one random line replaced', () => {
    const lines = RANSOMWARE.split('\n');
    fc.assert(fc.property(fc.nat({ max: lines.length - 1 }), fc.string({ maxLength: 40 }), (at, replacement) => {
      const text = lines.map((l, i) => (i === at ? replacement : l)).join('\n');
      expectWellFormed(loadRunbook('r.yaml', text), text);
    }), { numRuns: 100 });
  });

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const result = loadRunbook('r.yaml', bytes);
      expect(typeof result.ok).toBe('boolean');
    }), { numRuns: 300 });
  });
});
