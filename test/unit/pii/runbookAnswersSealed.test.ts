import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunView, TimelineEvent } from '../../../contract';
import { Vault } from '../../../main/vault';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';
import { expectFailure, type TestClient } from '../../helpers/client';
import { decryptedPages } from '../../helpers/decryptedPages';
import { withRawDb, type RawDb } from '../../helpers/rawDb';
import { ADMIN, ADMIN_PASS, TEST_LOG_N, createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

/**
 * Issue 13, High 2, for runbook answers marked `personal: true`: sealed like the incident's
 * personal fields (docs/security.md), so a manager with the database file and his own slot finds
 * none of them, while a pii:read user still reads them in the run and the timeline, and erasing
 * the incident's personal data takes them too.
 */
const RUNBOOK = `format: 1
id: sealed-answers
title: Sealed answers
version: 1.0.0
summary: Personal inputs for the sealing test.
appliesTo:
  categories: [phishing]
  severityAtLeast: SEV4
sources:
  - title: "Firebreak docs/security.md"
    url: https://example.test/security
steps:
  - id: who
    kind: input
    title: Who entered their password?
    phase: { csf: Respond, picerl: Identification }
    name: who
    type: text
    personal: true
  - id: mailbox
    kind: input
    title: Which mailbox was read?
    phase: { csf: Respond, picerl: Identification }
    name: mailbox
    type: text
    personal: true
  - id: hosts
    kind: input
    title: How many hosts?
    phase: { csf: Respond, picerl: Identification }
    name: hosts
    type: number
`;
const WHO = 'Ferdinanda Quillsworth';
const MAILBOX = 'f.quillsworth@harrowgate.test';
/** Each answer, and parts an attacker would search for. */
const SECRETS = [WHO, MAILBOX, 'Quillsworth', 'quillsworth', 'harrowgate'];

let v: TestVault;
let vault: Vault;
let rita: TestClient;
let max: TestClient;
let aud: TestClient;
let ref: string;
let refWithReporter: string;
let runId: string;

const raw = async <T>(read: (db: RawDb) => T): Promise<T> => {
  const opened = await vault.openPassphraseSlot('max', passphraseFor('max'));
  if (!opened) throw new Error("max's passphrase does not open the vault");
  return withRawDb(v.dataDir, opened.dataKey.toString('hex'), read);
};
async function expectNoAnswers(): Promise<void> {
  const opened = (await vault.openPassphraseSlot('max', passphraseFor('max')))!;
  const rows = await raw((db) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
    .map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).raw().all(), (_k, x: unknown) => (Buffer.isBuffer(x) ? x.toString('latin1') : x))).join('\n'));
  const pages = decryptedPages(join(v.dataDir, 'firebreak.db'), opened.dataKey.toString('hex'));
  for (const s of SECRETS) {
    expect(rows, `a table holds ${s}`).not.toContain(s);
    expect(pages.db.includes(s), `a page of firebreak.db holds ${s}`).toBe(false);
    expect(pages.wal.includes(s), `the WAL holds ${s}`).toBe(false);
  }
}
const step = (run: RunView, id: string) => run.steps.find((s) => s.definition.id === id)!;
const done = (events: TimelineEvent[], id: string) => events.find((e) => e.type === 'runbook.step_done' && e.data.step === id)!;
const signIn = (user: string) => v.signIn(user, user === ADMIN ? ADMIN_PASS : passphraseFor(user));
const cli = (user: string, ...args: string[]) =>
  runCliInProcess(['--data-dir', v.dataDir, '--user', user, ...args], { FIREBREAK_PASSPHRASE: user === ADMIN ? ADMIN_PASS : passphraseFor(user) });

beforeAll(async () => {
  v = await createTestVault();
  vault = new Vault(v.dataDir, TEST_LOG_N);
  mkdirSync(join(v.dataDir, 'runbooks'), { recursive: true });
  writeFileSync(join(v.dataDir, 'runbooks', 'sealed-answers.yaml'), RUNBOOK);
  rita = await v.addUser('rita', 'responder');
  max = await v.addUser('max', 'manager');
  aud = await v.addUser('aud', 'auditor');
  // No personal field: the first personal answer makes the incident's data subject.
  ref = (await rita.call('incidents.create', { title: 'Credential phish', severity: 'SEV2', category: 'phishing' })).ref;
  runId = (await rita.call('runs.start', { ref, runbookId: 'sealed-answers' })).id;
  await rita.call('runs.act', { runId, action: { type: 'done', step: 'who', value: WHO, note: 'seen in the proxy log' } });
  await rita.call('runs.act', { runId, action: { type: 'done', step: 'hosts', value: 4 } });
  // An incident with a reporter already: the answer goes under its existing subject.
  refWithReporter = (await rita.call('incidents.create', { title: 'Second phish', severity: 'SEV3', category: 'phishing', reporterName: 'Osric Pellingham' })).ref;
  const run2 = (await rita.call('runs.start', { ref: refWithReporter, runbookId: 'sealed-answers' })).id;
  await rita.call('runs.act', { runId: run2, action: { type: 'done', step: 'mailbox', value: MAILBOX } });
});
afterAll(() => v.dispose());

describe.sequential('runbook answers marked personal, sealed', () => {
  it("the database file and a manager's own slot: no answer in any table (runs, log, search index) or any page of the file or WAL", async () => {
    await expectNoAnswers();
    await raw((db) => {
      const row = db.prepare("SELECT data FROM runbook_transitions WHERE run_id = ? AND json_extract(data, '$.step') = 'who' AND json_extract(data, '$.t') = 'done'").pluck().get(runId) as string;
      const event = db.prepare("SELECT data FROM events WHERE type = 'runbook.step_done' AND json_extract(data, '$.step') = 'who'").pluck().get() as string;
      const sealed = (JSON.parse(row) as { value: unknown }).value;
      // The same envelope in the row and in the log (the hash covers it); the plain answer stays plain.
      expect(sealed).toMatchObject({ enc: 'pii-v1' });
      expect((JSON.parse(event) as { value: unknown }).value).toEqual(sealed);
      expect(db.prepare("SELECT json_extract(data, '$.value') FROM events WHERE type = 'runbook.step_done' AND json_extract(data, '$.step') = 'hosts'").pluck().get()).toBe(4);
      // One subject per incident: the answer made it for the first, and used the reporter's for the second.
      expect(db.prepare('SELECT incident_ref, part FROM data_subjects ORDER BY incident_ref').all()).toEqual([{ incident_ref: ref, part: 'incident' }, { incident_ref: refWithReporter, part: 'incident' }]);
    });
    expect(await aud.call('log.verify', {})).toMatchObject({ ok: true });
  });

  it('a pii:read user reads the answers in the run and the timeline; other roles get them hidden', async () => {
    const mine = await rita.call('runs.get', { runId });
    expect(step(mine, 'who')).toMatchObject({ value: WHO, redacted: false });
    expect(step(mine, 'who').personalData).toBeUndefined();
    expect(mine.history.find((h) => h.step === 'who')?.text).toBe(`did "who" — ${WHO} — note: seen in the proxy log`);
    expect(done(await rita.call('timeline.forIncident', { ref }), 'who').data).toMatchObject({ value: WHO, personal: true });
    expect((await rita.call('runs.list', { ref: refWithReporter }))[0]!.steps.find((s) => s.definition.id === 'mailbox')).toMatchObject({ value: MAILBOX });

    for (const other of [max, aud]) {
      const theirs = await other.call('runs.get', { runId });
      expect(step(theirs, 'who')).toMatchObject({ value: null, redacted: true });
      expect(JSON.stringify(theirs)).not.toContain('Quillsworth');
      expect(done(await other.call('timeline.forIncident', { ref }), 'who').data).toMatchObject({ value: null, redacted: ['value'] });
    }
    // Search answers on the step, never on the answer.
    expect((await aud.call('audit.list', { text: 'Quillsworth', offset: 0, limit: 10 })).rows).toEqual([]);
  });

  it('the CLI shows them as other personal data: the value to a responder, withheld to a manager', async () => {
    const mine = await cli('rita', 'runbook', 'status', ref);
    expect(mine.stderr).toBe('');
    expect(mine.stdout).toContain(`value ${WHO}`);
    const shown = await cli('rita', 'incident', 'show', ref);
    expect(shown.stdout).toContain(`value "${WHO}"`);
    // A manager's CLI is a process without the key: the incident's texts are withheld whole until a
    // holder's process has masked them (docs/security.md, Free text), as for the incident's fields.
    const first = await cli('max', 'runbook', 'status', ref);
    expect(first.stdout).toContain('[text withheld: it may name personal data');
    rita = await signIn('rita');
    const theirs = await cli('max', 'runbook', 'status', ref);
    expect(theirs.stdout).toContain('value withheld (personal data; your role lacks pii:read)');
    const masked = await cli('max', 'incident', 'show', ref);
    expect(masked.stdout).toContain('value withheld (personal data)');
    for (const out of [first, theirs, masked]) expect(out.stdout).not.toContain('Quillsworth');
  });

  it('a process that does not hold the key shows the answer as sealed, and refuses a new one', async () => {
    await (await signIn(ADMIN)).call('users.add', { name: 'nils', role: 'responder', passphrase: passphraseFor('nils'), mustChangePassphrase: false });
    await (await signIn(ADMIN)).call('vault.lock', {});
    // nils's grant is pending: no holder has signed in since the lock.
    const nils = await signIn('nils');
    const sealed = await nils.call('runs.get', { runId });
    expect(step(sealed, 'who')).toMatchObject({ value: null, redacted: false, personalData: 'withheld' });
    expect(sealed.history.find((h) => h.step === 'who')?.text).toBe('did "who" — personal data withheld: the personal-data key is not open in this session — note: seen in the proxy log');
    expect(done(await nils.call('timeline.forIncident', { ref }), 'who').data).toMatchObject({ value: null, personalData: 'withheld' });
    const refused = expectFailure(await nils.attempt('runs.act', { runId, action: { type: 'done', step: 'mailbox', value: 'x@y.test' } }), 'CONFLICT');
    expect(refused.message).toMatch(/^step "mailbox" asks for personal data, which was not recorded: .*personal-data key is not open here/);
    expect(step(await nils.call('runs.get', { runId }), 'mailbox').state).toBe('available');
    rita = await signIn('rita');
  });

  it("erasing the incident's personal data takes the answers: no one reads them again, new ones are refused, the log verifies", async () => {
    const admin = await signIn(ADMIN);
    await admin.call('pii.erase', { ref, reason: 'Art. 17 request, ticket DPO-204' });
    const after = await rita.call('runs.get', { runId });
    expect(step(after, 'who')).toMatchObject({ value: null, personalData: 'erased' });
    expect(after.history.find((h) => h.step === 'who')?.text).toBe('did "who" — personal data erased — note: seen in the proxy log');
    expect(step(after, 'hosts').value).toBe(4);
    expect(done(await rita.call('timeline.forIncident', { ref }), 'who').data).toMatchObject({ value: null, personalData: 'erased' });
    const refused = expectFailure(await rita.attempt('runs.act', { runId, action: { type: 'done', step: 'mailbox', value: 'someone@harrowgate.test' } }), 'CONFLICT');
    expect(refused.message).toMatch(new RegExp(`^step "mailbox" asks for personal data, which was not recorded: the personal data of ${ref} was erased on .* by ${ADMIN}; it takes no new personal data`));
    expect(step(await rita.call('runs.get', { runId }), 'mailbox').state).toBe('available');
    // Skipping it with a reason still works.
    await rita.call('runs.act', { runId, action: { type: 'skip', step: 'mailbox', reason: 'personal data erased' } });
    const cliAfter = await cli('rita', 'runbook', 'status', ref);
    expect(cliAfter.stdout).toContain('value erased (personal data)');
    expect(await admin.call('log.verify', {})).toMatchObject({ ok: true });
    await expectNoAnswers();
  });
});
