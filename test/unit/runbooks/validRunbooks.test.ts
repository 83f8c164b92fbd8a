import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinRunbooksDir, formatProblem, loadRunbook } from '../../../main/runbooks';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** The first ```yaml block of docs/runbook-format.md: the complete example the format is taught with. */
function docsExample(): string {
  const doc = readFileSync(`${REPO}docs/runbook-format.md`, 'utf8');
  const match = /```yaml\n([\s\S]*?)```/.exec(doc);
  if (!match?.[1]) throw new Error('no yaml example in docs/runbook-format.md');
  return match[1];
}

function expectLoads(name: string, content: Uint8Array | string) {
  const result = loadRunbook(name, content);
  if (!result.ok) expect(result.problems.map((p) => formatProblem(name, p))).toEqual([]);
  if (!result.ok) throw new Error('unreachable');
  return result.runbook;
}

describe('valid runbooks', () => {
  it('the complete example in docs/runbook-format.md loads, with every step kind', () => {
    const rb = expectLoads('docs/runbook-format.md', docsExample());
    expect(rb.definition.id).toBe('lost-laptop');
    expect(new Set(rb.definition.steps.map((s) => s.kind))).toEqual(
      new Set(['task', 'checklist', 'input', 'decision', 'timer', 'approval', 'evidence', 'notify', 'command']),
    );
    const close = rb.definition.steps.find((s) => s.id === 'close');
    expect(close).toMatchObject({ kind: 'approval', people: 2, role: 'manager' });
  });

  it('every built-in runbook lints clean, and ransomware is among them', () => {
    const dir = builtinRunbooksDir();
    expect(dir).toBe(`${REPO}runbooks`);
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files).toContain('ransomware.yaml');
    for (const f of files) expectLoads(`runbooks/${f}`, readFileSync(`${dir}/${f}`));
  });

  it('the ransomware runbook has what a real one needs: decisions, inputs, approvals, evidence, timers, notices, commands, a loop', () => {
    const rb = expectLoads('ransomware.yaml', readFileSync(`${REPO}runbooks/ransomware.yaml`));
    const kinds = rb.definition.steps.map((s) => s.kind);
    for (const k of ['decision', 'input', 'approval', 'evidence', 'timer', 'notify', 'command', 'checklist'] as const) expect(kinds).toContain(k);
    expect(rb.definition.steps.some((s) => s.kind === 'approval' && s.people === 2)).toBe(true);
    expect(rb.definition.steps.some((s) => s.kind === 'decision' && s.answers.some((a) => a.repeatFrom !== undefined))).toBe(true);
    expect(rb.definition.sources.some((s) => s.title.includes('800-61 Rev. 3'))).toBe(true);
    expect(new Set(rb.definition.steps.map((s) => s.phase.csf))).toEqual(new Set(['Detect', 'Respond', 'Recover', 'Improve']));
  });

  it('the content hash is the SHA-256 of the file bytes, and the version is kept (runs pin both)', () => {
    const bytes = readFileSync(`${REPO}runbooks/ransomware.yaml`);
    const rb = expectLoads('ransomware.yaml', bytes);
    expect(rb.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(rb.definition.version).toMatch(/^\d+\.\d+\.\d+$/);
    // One changed byte (a comment) is a different hash: an edited file is a different runbook.
    const edited = expectLoads('ransomware.yaml', `${bytes.toString('utf8')}# edited\n`);
    expect(edited.contentHash).not.toBe(rb.contentHash);
    expect(loadRunbook('same', bytes.toString('utf8'))).toMatchObject({ ok: true, runbook: { contentHash: rb.contentHash } });
  });

  it('fills defaults (one approver, one evidence file)', () => {
    const text = docsExample().replace('    people: 2\n    role: manager\n', '    role: manager\n');
    const rb = expectLoads('x.yaml', text);
    expect(rb.definition.steps.find((s) => s.id === 'close')).toMatchObject({ people: 1 });
    expect(rb.definition.steps.find((s) => s.id === 'police-report')).toMatchObject({ minFiles: 1 });
  });

  it('reports bytes that are not UTF-8', () => {
    expect(loadRunbook('bin.yaml', Uint8Array.from([0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe]))).toEqual({
      ok: false,
      problems: [{ line: 1, col: 1, message: 'not UTF-8 text' }],
    });
  });
});
