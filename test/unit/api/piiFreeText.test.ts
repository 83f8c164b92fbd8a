/**
 * Issue 12 user test, finding 1: a reporter's name typed into a note or the review was shown to an
 * auditor, though the incident report masked it. Every API answer a role without pii:read gets is
 * now scrubbed of the incident's known personal values (main/incidents PiiScrubber, the same one
 * the reports use): timeline, audit log, review and its history, key events, action items, notice
 * drafts (get, diff, export), search hits, runs, breach facts, evidence, KPI data problems, alarms,
 * and the CLI's human output, which reads those answers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay, type ActionAlarm } from '../../../contract';
import { expectFailure, type TestClient } from '../../helpers/client';
import { createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';
import { runCli } from '../cli/runCli';
import { buildReportIncident, MARKERS, PHONE_DIGITS } from '../reports/reportFixture';

const WITHHELD = '[personal data withheld]';
const TEXT_WITHHELD = '[text withheld: it may name personal data, which cannot be checked until a user with pii:read signs in]';
let v: TestVault;
let tmp: string;
let ref: string;
let draftId: string;
let auditor: TestClient;
let manager: TestClient;
let responder: TestClient;

/** The marker values, and the phone's digits however they are spaced. */
function personalIn(answer: unknown): string[] {
  const text = JSON.stringify(answer);
  const found: string[] = Object.values(MARKERS).filter((m) => text.toLowerCase().includes(m.toLowerCase()));
  if (text.replace(/\D/g, '').includes(PHONE_DIGITS)) found.push('phone digits');
  return found;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-pii-free-text-'));
  v = await createTestVault({ dataDir: join(tmp, 'data') });
  ({ ref } = await buildReportIncident(v, v.admin));
  auditor = await v.addUser('otto', 'auditor');
  manager = await v.addUser('maria', 'manager');
  responder = await v.addUser('rita', 'responder');
  writeFileSync(join(tmp, 'otto.pass'), `${passphraseFor('otto')}\n`, { mode: 0o600 });
  const admin = v.admin;
  // The name typed into every other free-text place a reader sees.
  const name = MARKERS.reporterName;
  await admin.call('incidents.update', { ref, patch: { title: `Ransomware on FS01, reported by ${name}` }, reason: `Title names ${name}` });
  await admin.call('actions.add', { ref, title: `Thank ${name} for the report`, owner: 'admin', due: '2026-05-30' });
  const done = await admin.call('actions.add', { ref, title: 'Call the reporter back', owner: 'admin', due: '2026-05-30' });
  await admin.call('actions.done', { id: done.id, note: `Called ${name} on ${MARKERS.reporterPhone}` });
  await admin.call('reviews.save', { ref, baseVersion: 1, sections: { summary: `Reported by ${name} (SOC).` }, reason: `${name} asked for a correction` });
  await admin.call('notify.facts.set', { ref, patch: { measuresTaken: `We called ${name} back and locked the account.` } });
  const draft = await admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art34' });
  draftId = draft.id;
  await admin.call('notify.drafts.revise', { id: draft.id, body: `${draft.body}\n\nContact ${name} at ${MARKERS.reporterEmail}.` });
  await admin.call('evidence.add', { ref, name: 'call-notes.txt', mediaType: 'text/plain', description: `Notes of the call with ${name}`, dataBase64: Buffer.from('notes').toString('base64') });
  const events = await admin.call('timeline.forIncident', { ref });
  const naming = events.filter((e) => JSON.stringify(e.data).includes(name)).at(-1)!;
  await admin.call('timeline.star', { seq: naming.seq, starred: true });
});
afterAll(() => {
  v.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('free text for a role without pii:read', () => {
  it('the reader with pii:read sees the values (the fixture does write them everywhere)', async () => {
    const answers = [
      await responder.call('timeline.forIncident', { ref }),
      await responder.call('reviews.get', { ref }),
      await responder.call('actions.list', { ref }),
      await responder.call('notify.drafts.get', { id: draftId }),
    ];
    for (const a of answers) expect(personalIn(a).length).toBeGreaterThan(0);
  });

  it('timeline, audit log, incident, search hits, review, history, key events, action items, runs, facts, evidence, KPIs: no personal value, the marker instead', async () => {
    const answers: Record<string, unknown> = {
      'timeline.forIncident': await auditor.call('timeline.forIncident', { ref }),
      'audit.list': await auditor.call('audit.list', { limit: 500 }),
      'audit.list (search)': await auditor.call('audit.list', { text: 'called', limit: 50 }),
      'incidents.get': await auditor.call('incidents.get', { ref }),
      'incidents.list (search)': await auditor.call('incidents.list', { text: 'ransomware', offset: 0, limit: 50 }),
      'reviews.get': await auditor.call('reviews.get', { ref }),
      'reviews.get (version 1)': await auditor.call('reviews.get', { ref, version: 1 }),
      'reviews.history': await auditor.call('reviews.history', { ref, offset: 0, limit: 50 }),
      'reviews.keyEvents': await auditor.call('reviews.keyEvents', { ref }),
      'actions.list': await auditor.call('actions.list', { offset: 0, limit: 50 }),
      'actions.get': await auditor.call('actions.get', { id: 2 }),
      'runs.list': await auditor.call('runs.list', { ref }),
      'notify.facts.get': await auditor.call('notify.facts.get', { ref }),
      'notify.assess': await auditor.call('notify.assess', { ref }),
      'notify.board': await auditor.call('notify.board', {}),
      'evidence.list': await auditor.call('evidence.list', { ref }),
      'kpis.get': await auditor.call('kpis.get', { from: '2026-01-01', to: '2026-12-31' }),
    };
    for (const [method, answer] of Object.entries(answers)) expect(personalIn(answer), method).toEqual([]);
    expect(JSON.stringify(answers['timeline.forIncident'])).toContain(`Called ${WITHHELD} back on ${WITHHELD}`);
    expect((answers['reviews.get'] as { sections: { summary: string; rootCause: string } }).sections).toMatchObject({
      summary: `Reported by ${WITHHELD} (SOC).`, rootCause: `An exposed RDP port; ${WITHHELD} noticed the ransom note first.`,
    });
    expect((answers['incidents.get'] as { title: string }).title).toBe(`Ransomware on FS01, reported by ${WITHHELD}`);
    expect(JSON.stringify(answers['reviews.history'])).toContain(`${WITHHELD} asked for a correction`);
    expect(JSON.stringify(answers['actions.list'])).toContain(`Thank ${WITHHELD} for the report`);
    expect(JSON.stringify(answers['actions.list'])).toContain(`Called ${WITHHELD} on ${WITHHELD}`);
    // Machine values are left whole: hashes and times still check.
    const timeline = answers['timeline.forIncident'] as { hash: string; data: Record<string, unknown> }[];
    expect(timeline.find((e) => typeof e.data.sha256 === 'string')?.data.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an action item\'s alarm reaches the auditor with the title masked', async () => {
    const alarms: ActionAlarm[] = [];
    v.backend.subscribe(auditor.conn, 'action.alarm', (a) => alarms.push(a));
    const item = await v.admin.call('actions.add', { ref, title: `Send ${MARKERS.reporterName} the summary`, owner: 'admin', due: localDay(v.clock.ms) });
    await expect.poll(() => alarms.filter((a) => a.id === item.id).length).toBeGreaterThan(0);
    expect(alarms.find((a) => a.id === item.id)?.title).toBe(`Send ${WITHHELD} the summary`);
  });

  it('a notice draft: read, compared and exported without the values', async () => {
    const draft = await auditor.call('notify.drafts.get', { id: draftId });
    expect(personalIn(draft)).toEqual([]);
    expect(draft.body).toContain(`Contact ${WITHHELD} at ${WITHHELD}.`);
    expect(personalIn(await auditor.call('notify.drafts.diff', { id: draftId, from: 1, to: 2 }))).toEqual([]);
    const file = await auditor.call('notify.drafts.export', { id: draftId, format: 'md' });
    expect(personalIn(Buffer.from(file.dataBase64, 'base64').toString('utf8'))).toEqual([]);
  });

  it('a manager edits the masked review: the markers kept become the values again; an ambiguous edit is refused and saves nothing', async () => {
    const seen = await manager.call('reviews.get', { ref });
    expect(seen.sections.rootCause).toContain(WITHHELD);
    const saved = await manager.call('reviews.save', {
      ref, baseVersion: seen.version, sections: { rootCause: `${seen.sections.rootCause} The port was opened for a vendor.` },
    });
    expect(saved.sections.rootCause).toBe(`An exposed RDP port; ${WITHHELD} noticed the ransom note first. The port was opened for a vendor.`);
    const stored = await responder.call('reviews.get', { ref });
    expect(stored.sections.rootCause).toBe(`An exposed RDP port; ${MARKERS.reporterName} noticed the ransom note first. The port was opened for a vendor.`);

    const doubled = `${saved.sections.rootCause} Again: ${WITHHELD}.`;
    const err = expectFailure(await manager.attempt('reviews.save', { ref, baseVersion: saved.version, sections: { rootCause: doubled } }), 'VALIDATION');
    expect(err.message).toContain('Root cause: the saved text holds personal data your role may not read, shown as [personal data withheld] once; your text has that marker 2 times');
    expect((await responder.call('reviews.get', { ref })).version).toBe(saved.version);

    // Removing every marker is an ordinary edit: the new version names no one (earlier ones stay).
    const rewritten = await manager.call('reviews.save', { ref, baseVersion: saved.version, sections: { rootCause: 'An exposed RDP port.' } });
    expect((await responder.call('reviews.get', { ref, version: rewritten.version })).sections.rootCause).toBe('An exposed RDP port.');
  });

  // The auditor's CLI run is a process of its own where no holder of the personal-data key has
  // signed in: the values to mask are sealed, so every free text of the incident is withheld whole
  // (docs/security.md, "Free text"), never shown unmasked.
  it('the CLI prints what the API answers: an auditor\'s action list, incident show and drafts name no one', { timeout: 60_000 }, async () => {
    v.backend.close();
    const as = (...args: string[]) => runCli(['--data-dir', v.dataDir, ...args, '--user', 'otto', '--passphrase-file', join(tmp, 'otto.pass')]);
    for (const args of [['action', 'list'], ['incident', 'show', ref], ['notify', 'drafts', ref, '--json']]) {
      const r = await as(...args);
      expect(r.code, r.stderr).toBe(0);
      expect(personalIn(r.stdout + r.stderr), args.join(' ')).toEqual([]);
      expect(r.stdout).toContain(args[0] === 'notify' ? JSON.stringify(TEXT_WITHHELD).slice(1, -1) : TEXT_WITHHELD);
    }
  });
});
