import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, OpenItem, TimelineEvent } from '../../../contract';
import { ADMIN_PASS, createTestVault } from '../../helpers/testVault';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';
import { completeBreach } from '../notify/drafts/draftFixture';
import { runCli } from './runCli';

/**
 * `firebreak incident status` as a user runs it: --skip-phases, moves back with --reason,
 * --override-time-order, and closing over open items (issue 11 §1, §3). The vault is prepared
 * through the API in-process (breach facts, a run, drafts), then closed, so every command below
 * opens the real files as the CLI does: in this process (runCliInProcess, the CLI's main() without
 * a Node start per command), and the refusal that lists open items on many lines as a spawned
 * process (the tests' CLI bundle), whose exit code and drained stderr are the process's.
 */
const SLOW = 120_000;
const env = { FIREBREAK_PASSPHRASE: ADMIN_PASS };
let tmp: string;
let dataDir: string;
/** Triaged, nothing else. */
let plain = '';
/** Detected, with the triage time recorded ahead in 2099. */
let ahead = '';
/** A breach in recovery with open obligations, a run with an approval waiting, two unsent notices. */
let breach = '';
/** A breach still in detection. */
let fresh = '';

const RUNBOOK = `format: 1
id: close-gate-test
title: Close gate test
version: 1.0.0
summary: A short runbook with an approval.
appliesTo: { categories: [data-breach], severityAtLeast: SEV4 }
sources: [{ title: Test }]
steps:
  - { id: isolate, kind: task, title: Isolate the database server, phase: { csf: Respond, picerl: Containment } }
  - { id: sign-off, kind: approval, title: Two managers sign off the restore, phase: { csf: Recover, picerl: Recovery }, people: 2, role: manager }
`;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-incident-status-cli-'));
  dataDir = join(tmp, 'vault');
  const v = await createTestVault({ dataDir });
  try {
    const a = await v.admin.call('incidents.create', { title: 'VPN account takeover', severity: 'SEV2', category: 'account-takeover' });
    plain = (await v.admin.call('incidents.setStatus', { ref: a.ref, status: 'triaged' })).ref;
    ahead = (await v.admin.call('incidents.create', { title: 'Insider copy', severity: 'SEV3', category: 'insider', triagedAt: '2099-01-01T00:00:00Z' })).ref;
    breach = await completeBreach(v.admin);
    await v.admin.call('incidents.setStatus', { ref: breach, status: 'recovered', skipPhases: true });
    await v.admin.call('runbooks.import', { name: 'close-gate-test.yaml', text: RUNBOOK });
    await v.admin.call('runs.start', { ref: breach, runbookId: 'close-gate-test' });
    await v.admin.call('notify.drafts.create', { ref: breach, regimeId: 'eu-gdpr-art33' });
    const art34 = await v.admin.call('notify.drafts.create', { ref: breach, regimeId: 'eu-gdpr-art34' });
    await v.admin.call('notify.drafts.approve', { id: art34.id });
    fresh = await completeBreach(v.admin, {});
  } finally {
    v.backend.close();
  }
}, SLOW);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (...args: string[]) => runCliInProcess(['--data-dir', dataDir, ...args], env);

async function show(ref: string): Promise<{ incident: Incident; timeline: TimelineEvent[] }> {
  const r = await cli('incident', 'show', ref, '--json');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { incident: Incident; timeline: TimelineEvent[] };
}

/**
 * The incident and its timeline: what a refused command must leave as it was. (Not the chain head:
 * every CLI run records its own sign-in and sign-out.)
 */
const state = (ref: string): Promise<unknown> => show(ref);

describe('firebreak incident status', () => {
  it('a jump over phases without a time exits 2 naming them; --skip-phases records them as skipped', { timeout: SLOW }, async () => {
    const before = await state(plain);
    const refused = await cli('incident', 'status', plain, 'recovered');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`firebreak: moving ${plain} to recovered passes over contained and eradicated, which have no time: pass --skip-phases to record them as skipped\n`);
    expect(refused.stdout).toBe('');
    expect(await state(plain)).toEqual(before);

    const moved = await cli('incident', 'status', plain, 'recovered', '--skip-phases');
    expect(moved.stderr).toBe('');
    expect(moved.code).toBe(0);
    expect(moved.stdout).toBe(`${plain} is now recovered. Skipped (no time): contained, eradicated.\n`);
    const text = await cli('incident', 'show', plain);
    expect(text.stdout).toMatch(/^Contained: +skipped \(no time\)$/m);
    expect(text.stdout).toMatch(/^Eradicated: +skipped \(no time\)$/m);
    expect(text.stdout).toMatch(/^Recovered: +\d{4}-\d\d-\d\dT/m);
    expect(text.stdout).toMatch(/triaged -> recovered, skipped contained, eradicated/);
  });

  it('moving back needs --reason (exit 2); with it, the later times are set aside as superseded and shown as such', { timeout: SLOW }, async () => {
    const before = await state(plain);
    const refused = await cli('incident', 'status', plain, 'triaged');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`firebreak: moving ${plain} back from recovered to triaged needs a reason (pass --reason TEXT)\n`);
    expect(await state(plain)).toEqual(before);

    const recoveredAt = (await show(plain)).incident.recoveredAt!;
    const back = await cli('incident', 'status', plain, 'triaged', '--reason', 'The attacker still has a session token');
    expect(back.stderr).toBe('');
    expect(back.code).toBe(0);
    expect(back.stdout).toBe(`${plain} is back in triaged. Set aside as superseded: recovered ${recoveredAt}.\n`);
    const { incident, timeline } = await show(plain);
    expect(incident).toMatchObject({ status: 'triaged', recoveredAt: null });
    expect(incident.phases.map((p) => p.state)).toEqual(['reached', 'reached', 'not-reached', 'not-reached', 'superseded', 'not-reached']);
    expect(timeline.at(-1)!.data).toEqual({ from: 'recovered', to: 'triaged', reason: 'The attacker still has a session token', superseded: { recoveredAt } });
    const text = await cli('incident', 'show', plain);
    expect(text.stdout).toMatch(new RegExp(`^Recovered: +- \\(superseded: ${recoveredAt.replace(/\./g, '\\.')}, set aside \\S+ by admin\\)$`, 'm'));
    expect(text.stdout).toMatch(/recovered -> triaged, superseded recoveredAt \S+; reason: The attacker still has a session token/);
  });

  it('a time before an earlier phase\'s exits 2 naming the pair; --override-time-order keeps it and logs why', { timeout: SLOW }, async () => {
    const before = await state(ahead);
    const refused = await cli('incident', 'status', ahead, 'contained');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^firebreak: phase times out of order: contained \d{4}-\d\d-\d\d \d\d:\d\d UTC is before triaged 2099-01-01 00:00 UTC; correct the time, or pass --override-time-order REASON\n$/);
    expect(await state(ahead)).toEqual(before);

    const kept = await cli('incident', 'status', ahead, 'contained', '--override-time-order', 'The 2099 triage time is a typo; fixed after the call');
    expect(kept.code).toBe(0);
    expect((await show(ahead)).timeline.at(-1)!.data).toMatchObject({
      to: 'contained', timeOrderOverride: { reason: 'The 2099 triage time is a typo; fixed after the call', conflicts: [{ later: 'contained', earlier: 'triaged', earlierAt: '2099-01-01T00:00:00Z' }] },
    });
  });

  it('closing over open items without --reason exits 1 and lists them; nothing changes', { timeout: SLOW }, async () => {
    const before = await state(breach);
    const refused = await runCli(['--data-dir', dataDir, 'incident', 'status', breach, 'closed'], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    const lines = refused.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^firebreak: ${breach} still has \\d+ open items; closing over them needs --reason TEXT \\(recorded with this list; it ends none of it\\):$`));
    expect(lines[1]).toMatch(/^ {2}KIND +WHAT IS OPEN$/);
    expect(refused.stderr).toMatch(/^ {2}obligation +GDPR.*Art\. 33.*: (due|overdue since) \d{4}-\d\d-\d\d \d\d:\d\d UTC$/m);
    expect(refused.stderr).toMatch(/^ {2}run +Runbook “Close gate test”: 0 of 2 steps finished, 2 open$/m);
    expect(refused.stderr).toMatch(/^ {2}approval +Approval “Two managers sign off the restore” in “Close gate test”: 0 of 2 given, by manager$/m);
    expect(refused.stderr).toMatch(/^ {2}notice +Notice .*33.*: not approved yet$/m);
    expect(refused.stderr).toMatch(/^ {2}notice +Notice .*34.*: approved, not recorded as sent$/m);
    expect(await state(breach)).toEqual(before);

    const json = await cli('incident', 'status', breach, 'closed', '--json');
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout) as { error: { code: string; message: string }; openItems: OpenItem[] };
    expect(out.error.code).toBe('CONFLICT');
    expect(new Set(out.openItems.map((i) => i.kind))).toEqual(new Set(['obligation', 'run', 'approval', 'notice']));
    expect(lines.length - 2).toBe(out.openItems.length);
  });

  it('closing with --reason closes and records the reason and the list in the status change', { timeout: SLOW }, async () => {
    const reason = 'Client terminated the engagement; open duties handed to their DPO (ticket 4711)';
    const closed = await cli('incident', 'status', breach, 'closed', '--reason', reason);
    expect(closed.stderr).toBe('');
    expect(closed.code).toBe(0);
    expect(closed.stdout).toBe(`${breach} is now closed.\n`);
    const { incident, timeline } = await show(breach);
    expect(incident.status).toBe('closed');
    const event = timeline.at(-1)!;
    expect(event.data).toMatchObject({ from: 'recovered', to: 'closed', reason });
    expect((event.data.openItems as OpenItem[]).map((i) => i.kind)).toContain('obligation');
    const text = await cli('incident', 'show', breach);
    expect(text.stdout).toMatch(new RegExp(`recovered -> closed, over \\d+ open items; reason: ${reason.slice(0, 40)}`));
  });

  it('detected → closed in one call: exit 2 for the skipped phases first, then exit 1 for the open items', { timeout: SLOW }, async () => {
    const skip = await cli('incident', 'status', fresh, 'closed', '--reason', 'Tabletop only');
    expect(skip.code).toBe(2);
    expect(skip.stderr).toMatch(/passes over triaged, contained, eradicated and recovered, which have no time: pass --skip-phases/);
    const gate = await cli('incident', 'status', fresh, 'closed', '--skip-phases');
    expect(gate.code).toBe(1);
    expect(gate.stderr).toMatch(/still has \d+ open items; closing over them needs --reason TEXT/);
    expect((await show(fresh)).incident.status).toBe('detected');
  });

  it('help names the options and the exit codes', { timeout: SLOW }, async () => {
    const help = await cli('incident', 'status', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--skip-phases/);
    expect(help.stdout).toMatch(/--reason TEXT/);
    expect(help.stdout).toMatch(/--override-time-order REASON/);
    expect(help.stdout).toMatch(/Exit 1 when closing over open items/);
  });
});
