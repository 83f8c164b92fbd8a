import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupSummary, TimelineEvent } from '../../../contract';
import { generateIdentity } from '../../../main/backups/age';
import { raisePlanReviewAlarms } from '../../../main/backups';
import { expectFailure, type TestClient } from '../../helpers/client';
import { exportKey, withRawDb } from '../../helpers/rawDb';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { createTestVault, type TestVault } from '../../helpers/testVault';

/**
 * Issue 13, High 2: a backup operator added a plan with his own age recipient and the database
 * as a source, ran it, decrypted the archive and opened firebreak.db with his own key slot.
 * Who may add recipients, put the database in a plan and restore it is now an administrator's
 * decision, each refusal naming the permission and logged, each decision an event naming its actor.
 */
let v: TestVault;
let operator: TestClient;
let work: string;
let share: string;
let target: string;
/** The operator's own key pair: what he would decrypt the archive with. */
const his = generateIdentity();
const other = generateIdentity();

const lastEvent = async (type: string): Promise<TimelineEvent | undefined> => (await v.admin.call('audit.list', { type, limit: 1 })).rows[0];
const denials = async (): Promise<number> => (await v.admin.call('audit.list', { type: 'auth.denied', limit: 500 })).rows.length;

beforeAll(async () => {
  v = await createTestVault();
  operator = await v.addUser('bob', 'backup-operator');
  work = makeTempDataDir('backup-perm');
  share = join(work, 'share');
  target = join(work, 'target');
  mkdirSync(join(share, 'docs'), { recursive: true });
  writeFileSync(join(share, 'docs/report.txt'), 'quarterly report\n');
});
afterAll(() => {
  v.dispose();
  removeTempDataDir(work);
});

describe('a backup operator cannot obtain the database', () => {
  it('adding a plan with his own recipient and the data directory as a source is refused, naming the permission; nothing is added; the refusal is logged', async () => {
    const before = await denials();
    const attack = await operator.attempt('backups.plans.add', { name: 'exfil', sources: [v.dataDir], target, includeDatabase: false, recipients: [his.recipient] });
    const error = expectFailure(attack, 'FORBIDDEN');
    expect(error.message).toMatch(/^the backup-operator role may not put Firebreak's database in a backup plan \(source .* contains Firebreak's data directory .*\) \(needs backup:include-database\): leave it out/);
    expect(await operator.call('backups.plans.list', {})).toEqual([]);
    expect(await lastEvent('auth.denied')).toMatchObject({ actor: 'bob', data: { method: 'backups.plans.add', needs: 'backup:include-database', role: 'backup-operator' } });
    expect(await denials()).toBe(before + 1);
  });

  it('every way of reaching the data directory counts: the snapshot, its parent, a symlink to it, a path inside it', async () => {
    const link = join(work, 'innocent-looking');
    symlinkSync(v.dataDir, link);
    const attempts = [
      { sources: [share] },
      { sources: [dirname(v.dataDir)], includeDatabase: false },
      { sources: [link], includeDatabase: false },
      { sources: [join(link, 'firebreak.db')], includeDatabase: false },
      { sources: [join(v.dataDir, 'vault.json')], includeDatabase: false },
      { sources: [share, `${v.dataDir}/logs/../`], includeDatabase: false },
    ];
    for (const a of attempts) {
      const error = expectFailure(await operator.attempt('backups.plans.add', { name: 'sneaky', target, ...a }), 'FORBIDDEN');
      expect(error.message).toContain('(needs backup:include-database)');
    }
    expect(await operator.call('backups.plans.list', {})).toEqual([]);
  });

  it('adding recipients is refused, at a new plan and at an existing one', async () => {
    const error = expectFailure(await operator.attempt('backups.plans.add', { name: 'files', sources: [share], target, includeDatabase: false, recipients: [his.recipient] }), 'FORBIDDEN');
    expect(error.message).toContain('may not add age recipients to a backup plan (needs backup:recipients)');
    // Files only, no recipients: his job, allowed.
    await operator.call('backups.plans.add', { name: 'files', sources: [share], target, includeDatabase: false });
    const changed = expectFailure(await operator.attempt('backups.plans.setRecipients', { name: 'files', recipients: [his.recipient], reason: 'offline copy' }), 'FORBIDDEN');
    expect(changed.message).toContain('(needs backup:recipients)');
    expect((await operator.call('backups.plans.get', { name: 'files' })).recipients).toEqual([]);
    expect(await lastEvent('auth.denied')).toMatchObject({ actor: 'bob', data: { method: 'backups.plans.setRecipients', needs: 'backup:recipients' } });
  });

  describe('restoring', () => {
    let withDb: BackupSummary;
    beforeAll(async () => {
      // The administrator decides the plan holds the database; the operator runs it.
      await v.admin.call('backups.plans.add', { name: 'nightly', sources: [share], target, recipients: [other.recipient] });
      withDb = await operator.call('backups.run', { name: 'nightly' });
    });

    it('a backup that holds the database says so', async () => {
      expect(withDb.containsDatabase).toBe(true);
      expect((await operator.call('backups.run', { name: 'files' })).containsDatabase).toBe(false);
    });

    it('the whole backup, or the database folder, is refused to him, before anything is written', async () => {
      for (const path of [undefined, 'firebreak-data', 'firebreak-data/vault.json']) {
        const to = join(work, `stolen-${path?.replace(/\//g, '_') ?? 'all'}`);
        const error = expectFailure(await operator.attempt('backups.restore', { id: withDb.id, to, ...(path ? { path } : {}) }), 'FORBIDDEN');
        expect(error.message).toMatch(/may not restore Firebreak's database out of backup .* \(needs backup:restore-database\): restore only other paths of it/);
        expect(existsSync(to)).toBe(false);
      }
      expect(await lastEvent('auth.denied')).toMatchObject({ actor: 'bob', data: { method: 'backups.restore', needs: 'backup:restore-database' } });
    });

    it("its other files he restores; he verifies and drills it as before (the drill's copy stays in a scratch folder only Firebreak's account can enter, removed after)", async () => {
      const to = join(work, 'restored-docs');
      expect(await operator.call('backups.restore', { id: withDb.id, to, path: 'share' })).toMatchObject({ files: 1 });
      expect(readdirSync(to)).toEqual(['share']);
      expect(await operator.call('backups.verify', { id: withDb.id, level: 'full' })).toMatchObject({ ok: true });
      expect(await operator.call('backups.drill', { id: withDb.id })).toMatchObject({ ok: true, files: 3 });
      expect(await lastEvent('backup.restored')).toMatchObject({ actor: 'bob', data: { drill: true, databaseFiles: ['firebreak-data/firebreak.db', 'firebreak-data/vault.json'] } });
    });

    it('an administrator restores the database, logged with the files and who', async () => {
      const to = join(work, 'admin-restore');
      await v.admin.call('backups.restore', { id: withDb.id, to, path: 'firebreak-data' });
      expect(readdirSync(join(to, 'firebreak-data')).sort()).toEqual(['firebreak.db', 'vault.json']);
      expect(await lastEvent('backup.restored')).toMatchObject({ actor: 'admin', data: { id: withDb.id, databaseFiles: ['firebreak-data/firebreak.db', 'firebreak-data/vault.json'] } });
    });
  });
});

describe("an administrator's decisions", () => {
  it('a plan with the database and a recipient is logged as his decision, each in its own event', async () => {
    const plan = await v.admin.call('backups.plans.add', { name: 'offsite', sources: [share], target, recipients: [other.recipient] });
    expect(plan).toMatchObject({ databaseDecision: { by: 'admin' }, recipientsDecision: { by: 'admin' }, review: null });
    expect(await lastEvent('backup.plan_added')).toMatchObject({ actor: 'admin', data: { plan: 'offsite', database: ["it includes Firebreak's database snapshot and vault.json"] } });
    expect(await lastEvent('backup.plan_recipients_changed')).toMatchObject({ actor: 'admin', data: { plan: 'offsite', before: [], after: [other.recipient], reason: 'plan added' } });
  });

  it('changing recipients is logged with before, after and the reason; the same list again is refused', async () => {
    const plan = await v.admin.call('backups.plans.setRecipients', { name: 'offsite', recipients: [his.recipient], reason: 'the safe key was rotated' });
    expect(plan.recipients).toEqual([his.recipient]);
    expect(await lastEvent('backup.plan_recipients_changed')).toMatchObject({
      actor: 'admin', data: { plan: 'offsite', before: [other.recipient], after: [his.recipient], added: [his.recipient], removed: [other.recipient], reason: 'the safe key was rotated' },
    });
    expectFailure(await v.admin.attempt('backups.plans.setRecipients', { name: 'offsite', recipients: [his.recipient], reason: 'again' }), 'CONFLICT');
    expectFailure(await v.admin.attempt('backups.plans.setRecipients', { name: 'offsite', recipients: [], reason: ' ' }), 'VALIDATION');
  });
});

describe('a plan whose source came to reach the data directory', () => {
  const link = () => join(work, 'mounted');

  it("is refused at its next run and flagged for review; the alarm goes in the log once", async () => {
    const real = join(work, 'real-share');
    mkdirSync(real);
    symlinkSync(real, link());
    // The source is the folder the link leads to (a trailing slash: a top-level link is otherwise kept as a link).
    await operator.call('backups.plans.add', { name: 'drifted', sources: [`${link()}/`], target, includeDatabase: false });
    // Someone with access to the machine repoints the link at the data directory.
    rmSync(link());
    symlinkSync(v.dataDir, link());
    const error = expectFailure(await operator.attempt('backups.run', { name: 'drifted' }), 'FORBIDDEN');
    expect(error.message).toMatch(/^plan drifted would back up Firebreak's database \(source .*mounted\/ \(which resolves to .*\) contains Firebreak's data directory .*\), which no administrator decided: the run was refused/);
    expect(await lastEvent('backup.failed')).toMatchObject({ actor: 'bob', data: { plan: 'drifted' } });
    const plan = await operator.call('backups.plans.get', { name: 'drifted' });
    expect(plan.review).toMatchObject({ blocksRuns: true, reasons: [expect.stringContaining('contains Firebreak\'s data directory')] });
    expect(await operator.call('backups.list', { plan: 'drifted' })).toEqual([]);

    const key = await exportKey(v.admin);
    const raised = withRawDb(v.dataDir, key, (db) => [raisePlanReviewAlarms(db, v.clock.iso()), raisePlanReviewAlarms(db, v.clock.iso())]);
    expect(raised).toEqual([[{ plan: 'drifted', reasons: plan.review?.reasons }], []]);
    expect(await lastEvent('backup.plan_review_needed')).toMatchObject({ actor: 'system', data: { plan: 'drifted', blocksRuns: true } });
    expectFailure(await operator.attempt('backups.run', { name: 'drifted' }), 'FORBIDDEN');
  });

  it('only an administrator approves it, with a note; then it runs, and a second approval is refused', async () => {
    const denied = expectFailure(await operator.attempt('backups.plans.approve', { name: 'drifted', note: 'fine' }), 'FORBIDDEN');
    expect(denied.message).toContain('needs backup:include-database');
    expectFailure(await v.admin.attempt('backups.plans.approve', { name: 'drifted', note: '' }), 'VALIDATION');
    const plan = await v.admin.call('backups.plans.approve', { name: 'drifted', note: 'the mount is our DR copy of the data directory' });
    expect(plan).toMatchObject({ review: null, databaseDecision: { by: 'admin' } });
    expect(await lastEvent('backup.plan_approved')).toMatchObject({ actor: 'admin', data: { plan: 'drifted', note: 'the mount is our DR copy of the data directory' } });
    expect((await operator.call('backups.run', { name: 'drifted' })).containsDatabase).toBe(true);
    expectFailure(await v.admin.attempt('backups.plans.approve', { name: 'drifted', note: 'again' }), 'CONFLICT');
  });
});

describe('a plan from before these decisions (migration 0270 flagged it)', () => {
  it('keeps running until an administrator decides, and shows why it waits', async () => {
    await v.admin.call('backups.plans.add', { name: 'legacy', sources: [share], target });
    const key = await exportKey(v.admin);
    // What the migration leaves for a plan an operator added with the database before the upgrade.
    withRawDb(v.dataDir, key, (db) => db.prepare(
      "UPDATE backup_plans SET predates_decisions = 1, database_decided_by = NULL, database_decided_at = NULL, created_by = 'bob', review = ? WHERE name = 'legacy'",
    ).run(JSON.stringify({ reasons: ["it includes Firebreak's database (added by bob before …)"], since: v.clock.iso(), blocksRuns: false, alarmed: false })));
    expect((await operator.call('backups.run', { name: 'legacy' })).containsDatabase).toBe(true);
    expect((await operator.call('backups.plans.get', { name: 'legacy' })).review).toMatchObject({ blocksRuns: false, reasons: [expect.stringContaining('added by bob')] });
  });
});
