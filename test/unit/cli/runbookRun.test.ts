import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, RunStepDefinition, RunStepView, RunView, TimelineEvent } from '../../../contract';
import { CliError } from '../../../main/cli/CliError';
import { COMMANDS } from '../../../main/cli/commandTable';
import { parseCommandLine } from '../../../main/cli/parseCommandLine';
import { jurisdictionMappingNotes, parseChecklistItems, parseInputValue, selectRun } from '../../../main/cli/runSteps';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';
import { REPO_ROOT, runCli, type CliRun } from './runCli';

/**
 * Real backend, real SQLCipher files, the CLI's main() run in this process per command
 * (runCliInProcess: what the tests' bundle runs, without a Node start each). Two commands, a
 * success with many lines and a refusal, run as spawned processes (runCli), where the exit code
 * and the drained output are the process's own.
 */
const SLOW = 90_000;
const PASSPHRASE = 'Correct-Horse-42-battery';
const LEGAL_PASSPHRASE = 'Legal-Team-pass-77x';

function usage(argv: string[]): CliError {
  try {
    parseCommandLine(argv, COMMANDS);
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

const input = (type: string, extra: Partial<RunStepDefinition> = {}): RunStepDefinition => ({
  id: 'the-step', kind: 'input', title: 'A step', phase: { csf: 'Detect', picerl: 'Identification' }, name: 'x', type, ...extra,
});

describe('runbook step: options and values (no backend)', () => {
  it('needs exactly one action, and reasons for --skip and --undo, before anything runs', () => {
    const base = ['runbook', 'step', 'IR-2026-0001', 'isolate'];
    expect(usage([...base]).message).toMatch(/needs one of --done, --skip, --approve, --undo, or --note TEXT alone/);
    expect(usage([...base, '--done', '--skip']).message).toBe('give only one of --done, --skip, --approve, --undo (got --done --skip)');
    expect(usage([...base, '--approve', '--undo', '--note', 'x']).exitCode).toBe(2);
    expect(usage([...base, '--skip']).message).toBe('--skip needs --note TEXT (the reason)');
    expect(usage([...base, '--undo']).message).toBe('--undo needs --note TEXT (the reason)');
    expect(usage([...base, '--skip', '--note', 'n/a', '--value', '3']).message).toBe('--value goes with --done');
    expect(usage([...base, '--note', 'x', '--attach', 'f']).message).toBe('--attach goes with --done');
    expect(usage(['runbook', 'step', 'IR-2026-0001', '-', '--done']).message).toMatch(/"-" \(any step\) is only for --undo/);
  });

  it('collects a repeated --attach', () => {
    const parsed = parseCommandLine(['runbook', 'step', 'IR-2026-0001', 'ransom-note', '--done', '--attach', 'a.txt', '--attach', 'b.png'], COMMANDS);
    expect(parsed).toMatchObject({ kind: 'run', args: ['IR-2026-0001', 'ransom-note'], values: { done: true, attach: ['a.txt', 'b.png'] } });
    const help = parseCommandLine(['runbook', 'step', '--help'], COMMANDS);
    expect(help.kind === 'help' && help.text).toContain('[--attach FILE]…');
  });

  it('turns --value into the input type the step declares', () => {
    expect(parseInputValue(input('number'), '14')).toBe(14);
    expect(parseInputValue(input('number'), '-2.5')).toBe(-2.5);
    for (const bad of ['14x', '', 'NaN', 'Infinity']) expect(() => parseInputValue(input('number'), bad)).toThrow(/takes a number/);
    expect(parseInputValue(input('boolean'), 'Yes')).toBe(true);
    expect(parseInputValue(input('boolean'), 'false')).toBe(false);
    expect(() => parseInputValue(input('boolean'), 'maybe')).toThrow(/takes yes or no/);
    expect(parseInputValue(input('data-categories'), 'health, contact,')).toEqual(['health', 'contact']);
    expect(parseInputValue(input('jurisdictions'), 'DE,US-CA')).toEqual(['DE', 'US-CA']);
    expect(parseInputValue(input('affected-counts'), 'DE=120, us-ca=40')).toEqual([{ jurisdiction: 'DE', count: 120 }, { jurisdiction: 'US-CA', count: 40 }]);
    expect(() => parseInputValue(input('affected-counts'), 'DE:120')).toThrow(/counts per jurisdiction such as DE=120,US-CA=40/);
    // Aliases are noted once each (the backend stores their codes); what is no code is left to the backend to refuse.
    expect(jurisdictionMappingNotes(input('affected-counts'), parseInputValue(input('affected-counts'), 'UK=1,uk=2,EL=3,XX=4,DE=5'))).toEqual([
      "note: UK → GB (United Kingdom): ISO 3166-1 only reserves UK; the United Kingdom's code is GB",
      'note: EL → GR (Greece): the EU writes Greece as EL; its ISO 3166-1 code is GR',
    ]);
    expect(jurisdictionMappingNotes(input('jurisdictions'), ['DE', 'el'])).toEqual(['note: EL → GR (Greece): the EU writes Greece as EL; its ISO 3166-1 code is GR']);
    expect(jurisdictionMappingNotes(input('text'), 'UK')).toEqual([]);
    expect(parseInputValue(input('choice', { options: ['lost', 'stolen'] }), 'lost')).toBe('lost');
    expect(() => parseInputValue(input('choice', { options: ['lost', 'stolen'] }), 'gone')).toThrow(/one of lost, stolen/);
    expect(parseInputValue(input('datetime'), '2026-05-01T09:30:00Z')).toBe('2026-05-01T09:30:00Z');
    expect(parseInputValue(input('text'), 'On the 8:15 train, 2,3')).toBe('On the 8:15 train, 2,3');
    expect(() => parseInputValue(input('number'), '14x')).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => parseInputValue(input('boolean'), 'maybe')).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it('ticks checklist items by 1-based number, or all of them', () => {
    const list = input('x', { kind: 'checklist', items: ['a', 'b', 'c', 'd'] });
    expect(parseChecklistItems(list, 'all')).toEqual([0, 1, 2, 3]);
    expect(parseChecklistItems(list, '3,1,3')).toEqual([0, 2]);
    expect(() => parseChecklistItems(list, '0')).toThrow(/has items 1 to 4/);
    expect(() => parseChecklistItems(list, '5')).toThrow(/has items 1 to 4/);
    expect(() => parseChecklistItems(list, 'first')).toThrow(/has items 1 to 4/);
  });

  it('finds the one open run with the step, or says why not', () => {
    const run = (id: string, runbookId: string, steps: string[], complete = false, undoable = false) =>
      ({ id, runbookId, completedAt: complete ? '2026-05-01T00:00:00.000Z' : null, undoable: undoable ? { n: 1, text: 'x' } : null,
        steps: steps.map((s) => ({ definition: { id: s } })) }) as unknown as RunView;
    const a = run('run-a', 'lost-device', ['revoke', 'close']);
    const b = run('run-b', 'ransomware', ['isolate', 'close']);
    const done = run('run-c', 'ddos', ['mitigate'], true, true);
    expect(selectRun([a, b, done], 'IR-1', 'revoke', {}).id).toBe('run-a');
    expect(selectRun([a, b, done], 'IR-1', 'close', { runbook: 'ransomware' }).id).toBe('run-b');
    expect(selectRun([a, b, done], 'IR-1', 'close', { runbook: 'run-a' }).id).toBe('run-a');
    const ambiguous = (() => { try { selectRun([a, b], 'IR-1', 'close', {}); } catch (e) { return e as CliError; } })();
    expect(ambiguous?.exitCode).toBe(2);
    expect(ambiguous?.message).toBe('2 runs of IR-1 have step "close": pass --runbook with one of lost-device (run run-a), ransomware (run run-b)');
    const notFound = (f: () => unknown) => { try { f(); } catch (e) { return e as CliError; } };
    expect(notFound(() => selectRun([a, b], 'IR-1', 'nope', {}))).toMatchObject({ exitCode: 1, message: 'no run of IR-1 has a step "nope"' });
    expect(notFound(() => selectRun([], 'IR-1', 'nope', {}))?.message).toMatch(/^IR-1 has no runbook runs/);
    expect(notFound(() => selectRun([done], 'IR-1', 'mitigate', {}))?.message).toBe('the run of IR-1 with step "mitigate" is complete');
    expect(notFound(() => selectRun([a], 'IR-1', 'revoke', { runbook: 'ddos' }))?.message).toBe('IR-1 has no run of runbook "ddos" (its runs: lost-device)');
    // Undo reaches a complete run too, and "-" stands for any step.
    expect(selectRun([a, done], 'IR-1', '-', { undo: true }).id).toBe('run-c');
    expect(notFound(() => selectRun([a], 'IR-1', '-', { undo: true }))?.message).toBe('nothing to undo in the run of IR-1');
  });
});

let tmp: string;
let dataDir: string;
let env: Record<string, string>;
let ref = '';
let legalPass = '';

/** The last snapshot taken, while nothing has run since that could have changed it. */
let baseline: unknown;

const READS = new Set(['status', 'show']);
const cli = (...args: string[]) => {
  if (!args.some((a) => READS.has(a))) baseline = undefined;
  return runCliInProcess(['--data-dir', dataDir, ...args], env);
};
/** The same command as a spawned `firebreak` (the tests' bundle, test/helpers/cli/testCli.ts). */
const spawned = (...args: string[]) => {
  if (!args.some((a) => READS.has(a))) baseline = undefined;
  return runCli(['--data-dir', dataDir, ...args], env);
};
const asLegal = (...args: string[]) => cli(...args, '--user', 'carol', '--passphrase-file', legalPass);
const step = (...args: string[]) => cli('runbook', 'step', ref, ...args);

async function runs(): Promise<RunView[]> {
  const r = await cli('runbook', 'status', ref, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as RunView[];
}

function stepOf(list: RunView[], runbookId: string, id: string): RunStepView {
  const s = list.find((r) => r.runbookId === runbookId)?.steps.find((x) => x.definition.id === id);
  if (!s) throw new Error(`no step ${id} in ${runbookId}`);
  return s;
}

async function incident(): Promise<{ incident: Incident; timeline: TimelineEvent[] }> {
  const r = await cli('incident', 'show', ref, '--json');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { incident: Incident; timeline: TimelineEvent[] };
}

/** Everything a refused command could have changed; phase times run with the clock, so they are left out. */
async function snapshot(): Promise<unknown> {
  const list = await runs();
  const { incident: inc, timeline } = await incident();
  return { runs: list.map((r) => ({ ...r, phases: r.phases.map(({ seconds: _s, ...p }) => p) })), incident: inc, events: timeline.length };
}

/**
 * A refused step command: the exit code, one line on stderr, nothing on stdout, and nothing
 * changed (runs, incident, timeline). Refusals in a row share the snapshot taken before them.
 */
async function expectRefused(run: () => Promise<CliRun>, code: number, message: RegExp): Promise<void> {
  const before = baseline ?? (await snapshot());
  const r = await run();
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^firebreak: [^\n]+\n$/);
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(code);
  const after = await snapshot();
  expect(after).toEqual(before);
  baseline = after;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-cli-run-'));
  dataDir = join(tmp, 'data');
  env = { FIREBREAK_PASSPHRASE: PASSPHRASE };
  legalPass = join(tmp, 'carol.pass');
  writeFileSync(legalPass, `${LEGAL_PASSPHRASE}\n`, { mode: 0o600 });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// One vault, one incident, one run worked step by step: the tests build on each other.
describe.sequential('firebreak runbook start / status / step against a real vault', () => {
  it('start pins the runbook and lists the steps available now', { timeout: SLOW }, async () => {
    expect((await cli('init', '--admin', 'alice')).code).toBe(0);
    expect((await cli('user', 'add', 'carol', '--role', 'legal', '--new-passphrase-file', legalPass, '--keep-passphrase')).code).toBe(0);
    const add = await cli('incident', 'add', '--title', 'Laptop stolen from a car', '--severity', 'SEV2', '--category', 'lost-device');
    expect(add.code).toBe(0);
    ref = add.stdout.trim();

    const none = await cli('runbook', 'status', ref);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe(`No runbook runs on ${ref}. Start one with \`firebreak runbook start ${ref} RUNBOOK_ID\`.\n`);

    // Spawned: a process's whole output, drained before it exits.
    const start = await spawned('runbook', 'start', ref, 'lost-device');
    expect(start.stderr).toBe('');
    expect(start.code).toBe(0);
    const [first, , , available, header, ...rows] = start.stdout.trimEnd().split('\n');
    expect(first).toMatch(new RegExp(`^Started lost-device@1\\.0\\.1 on ${ref}: run [0-9a-f-]{36}$`));
    expect(available).toMatch(/^Available now \(\d+\):$/);
    expect(header).toMatch(/^ {2}STEP\s+KIND\s+TITLE$/);
    expect(rows.some((r) => /^ {2}revoke-access\s+checklist\s+Cut the device's access/.test(r))).toBe(true);

    const list = await runs();
    expect(list).toHaveLength(1);
    const run = list[0] as RunView;
    expect(first).toContain(run.id);
    expect(run).toMatchObject({ incidentRef: ref, runbookId: 'lost-device', version: '1.0.1', source: 'built-in', completedAt: null, startedBy: 'alice', newerVersion: null });
    expect(run.steps.filter((s) => s.state === 'available')).toHaveLength(rows.length);
    expect(stepOf(list, 'lost-device', 'locate').state).toBe('pending');

    const unknown = await cli('runbook', 'start', ref, 'no-such-runbook');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^firebreak: [^\n]+\n$/);
  });

  it('a timer, a checklist with --value all, and a task', { timeout: SLOW }, async () => {
    const timer = await step('start-clock', '--done');
    expect(timer.code).toBe(0);
    expect(timer.stdout).toMatch(/^Step start-clock is now done \(by alice at \d{4}-\d\d-\d\dT\d\d:\d\d\)\.\n$/);

    const checklist = await step('revoke-access', '--done', '--value', 'all', '--note', 'Sessions revoked in Entra ID');
    expect(checklist.code).toBe(0);
    expect(checklist.stdout).toMatch(/^Step revoke-access is now done/);
    // What the step made available is the system's doing, after this action (issue 11 §7).
    expect(checklist.stdout).toMatch(/Now available \(by system, after this action\):\n {2}STEP\s+KIND\s+TITLE\n {2}replace\s+task\s+Issue a replacement device\n/);

    const task = await step('replace', '--done');
    expect(task.code).toBe(0);

    const list = await runs();
    const clock = list[0]?.clocks[0];
    expect(clock).toMatchObject({ name: 'notification-assessment', startedBy: 'alice', stoppedAt: null });
    expect(Date.parse(clock?.dueAt ?? '') - Date.parse(clock?.startedAt ?? '')).toBe(72 * 3600_000);
    expect(stepOf(list, 'lost-device', 'revoke-access')).toMatchObject({ state: 'done', ticked: [0, 1, 2, 3, 4, 5], note: 'Sessions revoked in Entra ID' });
    expect(stepOf(list, 'lost-device', 'replace')).toMatchObject({ state: 'done', finishedBy: 'alice' });
    expect(stepOf(list, 'lost-device', 'works').state).toBe('available');
  });

  it('a datetime input writes the incident field; undo gives the old value back', { timeout: SLOW }, async () => {
    const detectedBefore = (await incident()).incident.detectedAt;
    const set = await step('reported-at', '--done', '--value', '2026-05-01T08:10:00+02:00');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('value 2026-05-01T06:10:00.000Z');
    expect(stepOf(await runs(), 'lost-device', 'reported-at')).toMatchObject({ state: 'done', value: '2026-05-01T06:10:00.000Z' });
    expect((await incident()).incident.detectedAt).toBe('2026-05-01T06:10:00.000Z');

    const undo = await step('reported-at', '--undo', '--note', 'Typed the wrong day');
    expect(undo.code).toBe(0);
    expect(undo.stdout).toMatch(/^Undone: did "reported-at"/);
    expect(undo.stdout).toContain('Step reported-at is now available.');
    const list = await runs();
    expect(stepOf(list, 'lost-device', 'reported-at')).toMatchObject({ state: 'available', value: null });
    expect(list[0]?.history.find((h) => h.step === 'reported-at' && h.kind === 'done')?.undone).toBe(true);
    const { incident: restored, timeline } = await incident();
    expect(restored.detectedAt).toBe(detectedBefore);
    // Giving the old value back is a consequence of the undo: the system's, naming alice's undo.
    const undone = timeline.filter((e) => e.type === 'runbook.step_undone').at(-1);
    expect(timeline.at(-1)).toMatchObject({
      type: 'incident.updated', actor: 'system',
      data: { changes: [{ field: 'detectedAt', after: detectedBefore }], causedBy: { actor: 'alice', seq: undone?.seq, type: 'runbook.step_undone', step: 'reported-at' } },
    });
    const shown = await cli('incident', 'show', ref);
    expect(shown.stdout).toMatch(new RegExp(`\\n#${undone?.seq ?? 0}  \\S+  alice  runbook\\.step_undone  .*\\n#\\d+  \\S+  system  incident\\.updated  .*  \\(after alice, #${undone?.seq ?? 0}\\)\\n`));

    expect((await step('reported-at', '--done', '--value', '2026-05-02T07:00:00Z')).code).toBe(0);
    expect((await incident()).incident.detectedAt).toBe('2026-05-02T07:00:00.000Z');
  });

  it('a choice input decides which conditional steps apply', { timeout: SLOW }, async () => {
    const choice = await step('circumstances', '--done', '--value', 'lost');
    expect(choice.code).toBe(0);
    expect(choice.stdout).toMatch(/\nAlso changed \(by system, after this action\):\n {2}police-report is now not-applicable \(input "circumstances" is "lost"[^\n]*\)\n/);
    const list = await runs();
    expect(stepOf(list, 'lost-device', 'circumstances')).toMatchObject({ state: 'done', value: 'lost' });
    expect(stepOf(list, 'lost-device', 'police-report').state).toBe('not-applicable');
    expect(stepOf(list, 'lost-device', 'police-report').reason).toMatch(/circumstances/);
  });

  it('an evidence step with --attach adds the file as evidence and attaches it', { timeout: SLOW }, async () => {
    const file = join(tmp, 'owner-statement.txt');
    writeFileSync(file, 'Left the laptop bag on the 8:15 train, screen locked.\n');
    const r = await step('owner-statement', '--done', '--attach', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Added 1 evidence file\\(s\\) to ${ref}: [0-9a-f-]{36}\\.\\nStep owner-statement is now done`));
    const s = stepOf(await runs(), 'lost-device', 'owner-statement');
    expect(s.state).toBe('done');
    expect(s.evidence).toHaveLength(1);
    expect(r.stdout).toContain(s.evidence[0]);
    const { timeline } = await incident();
    expect(timeline.some((e) => e.data.name === 'owner-statement.txt' && typeof e.data.sha256 === 'string')).toBe(true);
  });

  it('decisions with --answer switch branches on and off', { timeout: SLOW }, async () => {
    expect((await step('find-device-command', '--done')).code).toBe(0);
    const managed = await step('managed', '--done', '--answer', 'unmanaged');
    expect(managed.code).toBe(0);
    expect(managed.stdout).toMatch(/Now available \(by system, after this action\):[\s\S]*unmanaged-actions/);
    expect(managed.stdout).toMatch(/\nAlso changed \(by system, after this action\):\n(?: {2}.*\n)*? {2}remote-lock is now not-taken \(a branch nobody chose/);
    const encrypted = await step('encrypted', '--done', '--answer', 'no', '--note', 'BitLocker was off');
    expect(encrypted.code).toBe(0);
    const list = await runs();
    expect(stepOf(list, 'lost-device', 'managed')).toMatchObject({ state: 'done', answer: 'unmanaged' });
    expect(stepOf(list, 'lost-device', 'remote-lock').state).toBe('not-taken');
    expect(stepOf(list, 'lost-device', 'encrypted')).toMatchObject({ state: 'done', answer: 'no', note: 'BitLocker was off' });
    expect(stepOf(list, 'lost-device', 'data-on-device').state).toBe('available');
  });

  it('consequences are the system\'s in status --json and incident show, linked to the action they followed from', { timeout: SLOW }, async () => {
    const list = await runs();
    const run = list.find((r) => r.runbookId === 'lost-device');
    const answer = run?.history.find((h) => h.kind === 'done' && h.step === 'managed');
    expect(answer).toMatchObject({ by: 'alice', cause: null });
    expect(run?.history.find((h) => h.kind === 'not-taken' && h.step === 'remote-lock')).toMatchObject({
      by: 'system', cause: { n: answer?.n, eventSeq: answer?.eventSeq, by: 'alice', text: 'did "managed"' },
    });
    expect(stepOf(list, 'lost-device', 'remote-lock')).toMatchObject({ finishedBy: 'system', cause: { n: answer?.n, by: 'alice' } });

    const shown = await cli('incident', 'show', ref);
    expect(shown.code).toBe(0);
    const lines = shown.stdout.split('\n').filter((l) => /^#\d+ /.test(l));
    const bySeq = new Map(lines.map((l) => [Number(/^#(\d+)/.exec(l)?.[1]), l]));
    const system = lines.filter((l) => /^#\d+ {2}\S+ {2}system {2}runbook\./.test(l));
    expect(system.length).toBeGreaterThan(10);
    for (const l of system) {
      const seq = Number(/\(after alice, #(\d+)\)$/.exec(l)?.[1]);
      // Each names the person's event it followed from, which is in the same timeline and is alice's.
      expect(bySeq.get(seq)).toMatch(/^#\d+ {2}\S+ {2}alice {2}runbook\.(started|step_done|step_skipped|step_approved|step_undone) /);
    }
    expect(system.some((l) => / runbook\.step_not_taken {2}lost-device "remote-lock" — a branch nobody chose: /.test(l) && l.endsWith(`(after alice, #${answer?.eventSeq ?? 0})`))).toBe(true);
    // Nothing the engine decided is under a person's name.
    expect(lines.filter((l) => / alice {2}runbook\.(step_available|step_not_applicable|step_not_taken|steps_repeated|completed) /.test(l))).toEqual([]);
  });

  it('list and count inputs, and a skip with its reason', { timeout: SLOW }, async () => {
    expect((await step('data-on-device', '--done', '--value', 'health,contact')).code).toBe(0);
    // A code that is no jurisdiction is refused with the nearest ones; an alias is read as its code, said on stderr.
    await expectRefused(() => step('affected-people', '--done', '--value', 'DE=120,XX=40'), 2, /XX is not a country code .*did you mean AX \(Åland Islands\), CX \(Christmas Island\), MX \(Mexico\) or SX \(Sint Maarten\)\?/);
    const counts = await step('affected-people', '--done', '--value', 'DE=120,uk=7,US-CA=40');
    expect(counts.code).toBe(0);
    expect(counts.stderr).toBe("note: UK → GB (United Kingdom): ISO 3166-1 only reserves UK; the United Kingdom's code is GB\n");
    const skip = await step('last-seen', '--skip', '--note', 'The owner does not remember');
    expect(skip.code).toBe(0);
    expect(skip.stdout).toMatch(/^Step last-seen is now skipped \(by alice at [^,]+, The owner does not remember\)\.\n$/);

    const list = await runs();
    expect(stepOf(list, 'lost-device', 'data-on-device').value).toEqual(['health', 'contact']);
    expect(stepOf(list, 'lost-device', 'affected-people').value).toEqual([{ jurisdiction: 'DE', count: 120 }, { jurisdiction: 'GB', count: 7 }, { jurisdiction: 'US-CA', count: 40 }]);
    expect(stepOf(list, 'lost-device', 'last-seen')).toMatchObject({ state: 'skipped', reason: 'The owner does not remember' });
    const { incident: inc } = await incident();
    expect(inc.dataCategories).toEqual(['health', 'contact']);
    expect(inc.affected).toEqual([{ jurisdiction: 'DE', count: 120 }, { jurisdiction: 'GB', count: 7 }, { jurisdiction: 'US-CA', count: 40 }]);
  });

  it('an approval needs the step\'s role; undo takes it back; --done on an approval approves', { timeout: SLOW }, async () => {
    await expectRefused(() => step('legal-review', '--approve'), 3, /must be approved by a legal/);

    const approve = await asLegal('runbook', 'step', ref, 'legal-review', '--approve', '--note', 'Assessment reviewed');
    expect(approve.stderr).toBe('');
    expect(approve.code).toBe(0);
    expect(approve.stdout).toMatch(/^Approval recorded on legal-review \(1 of 1\)\.\nStep legal-review is now done/);
    expect(stepOf(await runs(), 'lost-device', 'legal-review')).toMatchObject({
      state: 'done', approvals: [{ by: 'carol', note: 'Assessment reviewed' }],
    });

    const undo = await step('-', '--undo', '--note', 'Approved before the counts were confirmed');
    expect(undo.code).toBe(0);
    expect(undo.stdout).toMatch(/^Undone: approved "legal-review"/);
    // What the approval had made available goes back: the undo's consequence, the system's.
    expect(undo.stdout).toMatch(/\nAlso changed \(by system, after this undo\):\n(?: {2}.*\n)*? {2}risk is now pending \(waits for "legal-review"\)\n/);
    let list = await runs();
    expect(stepOf(list, 'lost-device', 'legal-review')).toMatchObject({ state: 'available', approvals: [] });
    expect(list[0]?.history.filter((h) => h.undone).map((h) => h.step)).toEqual(['reported-at', 'legal-review']);

    const again = await asLegal('runbook', 'step', ref, 'legal-review', '--done', '--json');
    expect(again.code).toBe(0);
    const view = JSON.parse(again.stdout) as RunView;
    expect(view.steps.find((s) => s.definition.id === 'legal-review')?.state).toBe('done');
    list = await runs();
    expect(stepOf(list, 'lost-device', 'legal-review').approvals.map((a) => a.by)).toEqual(['carol']);
    expect(stepOf(list, 'lost-device', 'risk').state).toBe('available');
  });

  it('refuses an unknown step, a step not available and usage errors with one line, changing nothing', { timeout: SLOW }, async () => {
    // Spawned: the refusal's exit code is the process's.
    await expectRefused(() => spawned('runbook', 'step', ref, 'no-such-step', '--done'), 1, new RegExp(`no run of ${ref} has a step "no-such-step"`));
    await expectRefused(() => step('stop-clock', '--done'), 1, /step "stop-clock" is not available yet \(waits for "risk"\)/);
    await expectRefused(() => step('replace', '--done'), 1, /step "replace" is done already/);
    await expectRefused(() => step('notify-insurer', '--skip'), 2, /--skip needs --note TEXT/);
    await expectRefused(() => step('notify-insurer', '--done', '--skip', '--note', 'x'), 2, /give only one of --done, --skip, --approve, --undo/);
  });

  it('refuses options that do not fit the step\'s kind, changing nothing', { timeout: SLOW }, async () => {
    await expectRefused(() => step('risk', '--done', '--answer', 'perhaps'), 2, /step "risk" has no answer "perhaps"/);
    await expectRefused(() => step('risk', '--done'), 2, /step "risk" is a decision: pass --answer with one of unlikely, risk, high-risk/);
    await expectRefused(() => step('notify-insurer', '--done', '--value', '3'), 2, /step "notify-insurer" is a notify: --value does not apply/);
    await expectRefused(() => step('device-type', '--done', '--value', 'toaster'), 2, /takes one of laptop, phone, tablet, other/);
    await expectRefused(() => step('works', '--approve'), 2, /step "works" is a decision, not an approval/);
    await expectRefused(() => step('unmanaged-actions', '--done', '--attach', join(tmp, 'missing.txt')), 2, /--attach does not apply/);
  });

  it('a second run: a step id both runs have needs --runbook', { timeout: SLOW }, async () => {
    const start = await cli('runbook', 'start', ref, 'ransomware', '--json');
    expect(start.code).toBe(0);
    const ransomware = JSON.parse(start.stdout) as RunView;
    expect(ransomware).toMatchObject({ runbookId: 'ransomware', version: '1.0.0' });

    await expectRefused(() => step('lessons-learned', '--note', 'Book a room'), 2,
      /2 runs of .* have step "lessons-learned": pass --runbook with one of lost-device \(run [0-9a-f-]{36}\), ransomware \(run [0-9a-f-]{36}\)/);
    const note = await step('lessons-learned', '--note', 'Book a room', '--runbook', 'ransomware');
    expect(note.code).toBe(0);
    expect(stepOf(await runs(), 'ransomware', 'lessons-learned').notes.map((n) => n.text)).toEqual(['Book a room']);
  });

  it('done needs an available step and a value the API accepts; a checklist must be ticked whole', { timeout: SLOW }, async () => {
    await expectRefused(() => step('affected-hosts', '--done', '--value', '14'), 1, /not available yet \(waits for "isolate"\)/);
    // A value only the API can judge (a datetime without its offset) is its VALIDATION error: exit 2.
    await expectRefused(() => step('record-detection', '--done', '--value', 'yesterday'), 2, /expected a date and time with its offset/);
    // The API refuses "done" until every item is ticked (docs/runbook-format.md: a checklist is completed when every item is ticked).
    await expectRefused(() => step('isolate', '--done', '--value', '1,3'), 2, /tick every item of step "isolate" first/);
    await expectRefused(() => step('isolate', '--done', '--value', '1,9'), 2, /step "isolate" has items 1 to 5/);
    expect((await step('isolate', '--done', '--value', 'all')).code).toBe(0);
  });

  it('a number input: a bad number is refused, a good one recorded as a number', { timeout: SLOW }, async () => {

    await expectRefused(() => step('affected-hosts', '--done', '--value', '14 hosts'), 2, /step "affected-hosts" takes a number as --value, not "14 hosts"/);
    const n = await step('affected-hosts', '--done', '--value', '14');
    expect(n.code).toBe(0);
    expect(stepOf(await runs(), 'ransomware', 'affected-hosts')).toMatchObject({ state: 'done', value: 14 });
  });

  it('evidence: too few files or an unreadable one is refused before anything is stored', { timeout: SLOW }, async () => {

    // Evidence: too few files is refused before anything is stored; existing ids count with new files.
    const note1 = join(tmp, 'ransom-note.txt');
    writeFileSync(note1, 'YOUR FILES ARE ENCRYPTED\n');
    await expectRefused(() => step('ransom-note', '--done', '--attach', note1), 2, /needs 2 evidence file\(s\)/);
    await expectRefused(() => step('ransom-note', '--done', '--attach', note1, '--attach', join(tmp, 'missing.bin')), 1, /cannot read .*missing\.bin: ENOENT/);
    const existing = stepOf(await runs(), 'lost-device', 'owner-statement').evidence[0] as string;
    const ev = await step('ransom-note', '--done', '--attach', note1, '--value', existing);
    expect(ev.code).toBe(0);
    const s = stepOf(await runs(), 'ransomware', 'ransom-note');
    expect(s.state).toBe('done');
    expect(s.evidence).toHaveLength(2);
    expect(s.evidence).toContain(existing);
  });

  it('status shows each run in words, and --runbook picks one', { timeout: SLOW }, async () => {
    const human = await cli('runbook', 'status', ref);
    expect(human.code).toBe(0);
    const [lost, ransom] = human.stdout.split('\n\nRansomware\n');
    expect(lost).toMatch(/^Lost or stolen laptop or phone\nRunbook: {2}lost-device@1\.0\.1 \(built-in\)\nRun: {6}[0-9a-f-]{36}, started \S+ by alice\n/);
    expect(lost).toMatch(/\nPhase: {4}\w+ \/ [\w ]+\n/);
    expect(lost).toMatch(/\nComplete: no, \d+ of \d+ steps finished\n/);
    expect(lost).toMatch(/\nClocks: {3}notification-assessment running since \S+, due \S+\n/);
    expect(lost).toMatch(/\nSTATE\s+STEP\s+TITLE\n/);
    expect(lost).toMatch(/\ndone\s+managed\s+Is the device enrolled in device management\? — by alice at \S+, answer unmanaged\n/);
    expect(lost).toMatch(/\nskipped\s+last-seen\s+.* — by alice at \S+, The owner does not remember\n/);
    // Left out by the engine: by system, after the person's action it followed from.
    expect(lost).toMatch(/\nnot-taken\s+remote-lock\s+.* — by system at \S+ after alice did "managed", a branch nobody chose/);
    expect(lost).toMatch(/\nnot-applicable\s+police-report\s+.* — by system at \S+ after alice did "circumstances", input "circumstances"/);
    expect(lost).toMatch(/\npending\s+stop-clock\s+.* — waits for "risk"\n/);
    expect(lost).toMatch(/\navailable\s+risk\s+Decide whether notice is due\n/);
    expect(lost).toMatch(/\ndone\s+legal-review\s+.* — by carol at \S+, approved by carol\n/);
    expect(ransom).toMatch(/\ndone\s+affected-hosts\s+.* — by alice at \S+, value 14\n/);
    expect(ransom).toMatch(/\navailable\s+scope-hunt\s+.* — 0 of 5 ticked\n/);

    const one = await cli('runbook', 'status', ref, '--runbook', 'ransomware', '--json');
    expect((JSON.parse(one.stdout) as RunView[]).map((r) => r.runbookId)).toEqual(['ransomware']);
    const none = await cli('runbook', 'status', ref, '--runbook', 'ddos');
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(`firebreak: ${ref} has no run of runbook "ddos" (its runs: lost-device, ransomware)\n`);
  });

  it('a run keeps its pinned version when the file changes, and says a newer one exists', { timeout: SLOW }, async () => {
    mkdirSync(join(dataDir, 'runbooks'), { recursive: true });
    const file = join(dataDir, 'runbooks', 'acme-lost-device.yaml');
    const text = readFileSync(join(REPO_ROOT, 'runbooks/lost-device.yaml'), 'utf8').replace('id: lost-device', 'id: acme-lost-device').replace(/^version: .*$/m, 'version: 1.0.0');
    writeFileSync(file, text);
    const add = await cli('incident', 'add', '--title', 'Phone lost at a conference', '--severity', 'SEV3', '--category', 'lost-device');
    const other = add.stdout.trim();
    expect((await cli('runbook', 'start', other, 'acme-lost-device')).code).toBe(0);

    // Nothing done yet: nothing to undo.
    const undo = await cli('runbook', 'step', other, '-', '--undo', '--note', 'x');
    expect(undo.code).toBe(1);
    expect(undo.stderr).toBe(`firebreak: nothing to undo in the run of ${other}\n`);

    writeFileSync(file, text.replace('version: 1.0.0', 'version: 1.1.0'));
    const human = await cli('runbook', 'status', other);
    expect(human.stdout).toContain('Runbook:  acme-lost-device@1.0.0 (custom); newer version 1.1.0 exists (the run keeps 1.0.0)\n');
    const json = await cli('runbook', 'status', other, '--json');
    expect((JSON.parse(json.stdout) as RunView[])[0]).toMatchObject({ version: '1.0.0', newerVersion: { version: '1.1.0' } });
  });
});
