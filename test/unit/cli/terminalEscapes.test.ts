import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, IncidentRow, TimelineEvent } from '../../../contract';
import { ProgressPrinter } from '../../../main/cli/ProgressPrinter';
import { terminalSafe } from '../../../main/cli/terminalSafe';
import { ADMIN_PASS, createTestVault } from '../../helpers/testVault';
import { runCli } from './runCli';

/**
 * Terminal escape sequences in titles and notes never reach the terminal of whoever runs the CLI
 * (issue 13 §8): they are shown (␛, ␍, \u009b), not obeyed; --json keeps every value exact.
 * One vault for the file, made in-process; the CLI runs as users run it (spawned bundle).
 */
const SLOW = 120_000;
const ESC = '\x1b';
/** Each trick the penetration test used: line erase and carriage return, window title, clipboard (OSC 52), a hidden link (OSC 8), 8-bit CSI, a bidi override, the bell. */
const TITLE = `Ransomware${ESC}[2K\rFake: all clear ${ESC}]0;owned\x07 ${ESC}]52;c;cm0gLXJmIH4=\x07 ${ESC}]8;;https://evil.example/\x07click${ESC}]8;;\x07 \u009b2J \u202Egnp.exe\u202C`;
const NOTE = `Contained.\n${ESC}[1A${ESC}[2KAll systems normal\u2067 hidden`;
/** What no line of human output may contain: C0 but tab and newline, DEL, C1, bidi embeddings, overrides and isolates. */
const UNSAFE = new RegExp(`[${['0000-0008', '000b-001f', '007f-009f', '202a-202e', '2066-2069'].map((r) => r.replace(/(\w{4})-(\w{4})/, '\\u$1-\\u$2')).join('')}]`);

let dataDir: string;
let ref: string;
const env = { FIREBREAK_PASSPHRASE: ADMIN_PASS };
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], env);

beforeAll(async () => {
  const v = await createTestVault();
  dataDir = v.dataDir;
  ref = (await v.admin.call('incidents.create', { title: TITLE, severity: 'SEV2', category: 'ransomware' })).ref;
  await v.admin.call('incidents.addNote', { ref, text: NOTE });
  v.backend.close();
}, SLOW);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('human-readable CLI output shows control characters instead of obeying them', () => {
  it('incident list and show: every trick is visible, none is raw, and no title fakes a line of its own', { timeout: SLOW }, async () => {
    const list = await cli('incident', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).not.toMatch(UNSAFE);
    const row = list.stdout.split('\n').find((l) => l.startsWith(ref)) ?? '';
    expect(row.endsWith(`Ransomware␛[2K␍Fake: all clear ␛]0;owned␇ ␛]52;c;cm0gLXJmIH4=␇ ␛]8;;https://evil.example/␇click␛]8;;␇ \\u009b2J \\u202egnp.exe\\u202c`)).toBe(true);
    expect(list.stdout.split('\n').filter((l) => l.includes('Fake: all clear'))).toEqual([row]);

    const show = await cli('incident', 'show', ref);
    expect(show.code).toBe(0);
    expect(show.stdout).not.toMatch(UNSAFE);
    expect(show.stdout).toMatch(/^Title: +Ransomware␛\[2K␍Fake: all clear ␛\]0;owned␇ /m);
    // The timeline shows the note on its event's line, its escapes visible.
    expect(show.stdout).toMatch(/ incident\.note {2}Contained\. ␛\[1A␛\[2KAll systems normal\\u2067 hidden$/m);
    expect(show.stdout).not.toMatch(/^All systems normal/m);
  });

  it('--json keeps the values exact, escaped as JSON so a terminal shows them too', { timeout: SLOW }, async () => {
    const show = await cli('incident', 'show', ref, '--json');
    expect(show.stdout).not.toMatch(UNSAFE);
    expect(show.stdout).toContain('\\u001b]52;c;cm0gLXJmIH4=\\u0007');
    expect(show.stdout).toContain('\\u009b2J \\u202egnp.exe\\u202c');
    const parsed = JSON.parse(show.stdout) as { incident: Incident; timeline: TimelineEvent[] };
    expect(parsed.incident.title).toBe(TITLE);
    expect(parsed.timeline.find((e) => e.type === 'incident.note')?.data.text).toBe(NOTE);
    const list = await cli('incident', 'list', '--json');
    expect(list.stdout).not.toMatch(UNSAFE);
    expect((JSON.parse(list.stdout) as IncidentRow[])[0]?.title).toBe(TITLE);
  });

  it('errors too: a path echoed back in a message is shown, not obeyed', { timeout: SLOW }, async () => {
    const r = await runCli(['--data-dir', `/nonexistent/vault${ESC}]52;c;ZXZpbA==\x07`, 'incident', 'list'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(UNSAFE);
    expect(r.stderr).toBe('firebreak: no vault in /nonexistent/vault␛]52;c;ZXZpbA==␇: run `firebreak init --admin NAME` first (or pass --data-dir)\n');
  });
});

describe('terminalSafe and the progress line', () => {
  it('keeps tab and newline in blocks, shows them in one-line text, and leaves other text alone', () => {
    expect(terminalSafe('a\tb\nc\r\x00\x7f\u0085')).toBe('a\tb\nc␍␀␡\\u0085');
    expect(terminalSafe('a\tb\nc', { singleLine: true })).toBe('a␉b␊c');
    const plain = 'Zoë — 東京 ✓ עברית';
    expect(terminalSafe(plain)).toBe(plain);
  });

  it('a backup file name in a progress line cannot rewrite the terminal; the printer keeps its own \\r\\x1b[K', () => {
    const written: string[] = [];
    const printer = new ProgressPrinter<{ phase: string; file: string }>({ isTTY: true, columns: 200, write: (t) => written.push(t) > 0 }, (p) => `${p.phase} ${p.file}`);
    printer.update({ phase: 'archive', file: `evil${ESC}]0;owned\x07.txt` });
    expect(written).toEqual(['\r\x1b[Karchive evil␛]0;owned␇.txt']);
  });
});
