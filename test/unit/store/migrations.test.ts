import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../contract';
import { MIGRATIONS, migrate, openDatabase, runbookAnswerField, vacuumIfPending, type Db, type Migration } from '../../../main/store';
import { findIncident } from '../../../main/incidents';
import { isEnvelope, openEnvelope, openEventData, settlePiiAccess, type Envelope } from '../../../main/pii';
import { checkpointWal } from '../../../main/store/purgeTable';
import { appendEvent, eventsForIncident, verifyChain } from '../../../main/timeline';
import { decryptedPages } from '../../helpers/decryptedPages';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';

let dir: string;
let db: Db;
let keyHex: string;
beforeEach(() => {
  dir = makeTempDataDir('migrate');
  keyHex = randomBytes(32).toString('hex');
  db = openDatabase(join(dir, 'firebreak.db'), keyHex);
});
afterEach(() => {
  db.close();
  removeTempDataDir(dir);
});

const version = () => db.pragma('user_version', { simple: true }) as number;
const tables = () => (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')").all() as { name: string }[]).map((r) => r.name);
const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
const TS = '2026-03-14T09:00:00.000Z';

function insertIncident(ref: string, title: string, owner: string | null): void {
  db.prepare(
    `INSERT INTO incidents (ref, title, category, severity, status, status_rank, owner, detected_at, created_at, created_by, updated_at)
     VALUES (?, ?, 'malware', 'SEV2', 'detected', 0, ?, ?, ?, 'root', ?)`,
  ).run(ref, title, owner, TS, TS, TS);
}

/**
 * Per migration: `seed` writes representative data into the schema as it was before the step
 * (raw SQL against the old shape, or appendEvent for the log), `survived` checks that data after
 * the step, and `works` exercises what the step added.
 */
interface StepTest {
  seed(): void;
  survived(): void;
  works(): void;
}

const STEPS: Record<number, StepTest> = {
  10: {
    seed: () => undefined,
    survived: () => undefined,
    works: () => {
      db.prepare("INSERT INTO users (name, role, created_at, totp_secret, totp_last_step) VALUES ('root', 'admin', ?, 'ABC', 5)").run(TS);
      expect(db.prepare("SELECT role, totp_last_step FROM users WHERE name = 'root'").get()).toEqual({ role: 'admin', totp_last_step: 5 });
      expect(() => db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'auditor', ?)").run(TS)).toThrow(/UNIQUE/);
    },
  },
  20: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?), ('kim', 'responder', ?)").run(TS, TS);
    },
    survived: () => expect(count('SELECT count(*) AS n FROM users')).toBe(2),
    works: () => {
      appendEvent(db, { actor: 'root', type: 'test.one', data: { zebra: 'striped' }, ts: TS });
      appendEvent(db, { actor: 'kim', type: 'test.two', data: { n: 2 }, ts: TS });
      expect(verifyChain(db)).toMatchObject({ ok: true, count: 2, head: { seq: 2 } });
      expect(() => db.prepare("UPDATE events SET actor = 'x'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    },
  },
  30: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      appendEvent(db, { actor: 'root', type: 'test.before', data: { zebra: 'old' }, ts: TS });
    },
    survived: () => {
      expect(count('SELECT count(*) AS n FROM users')).toBe(1);
      expect(verifyChain(db)).toMatchObject({ ok: true, count: 1 });
    },
    works: () => {
      insertIncident('IR-2026-0001', 'Ransomware on the file server', 'root');
      insertIncident('IR-2026-0002', 'Phishing wave', null);
      expect(() => insertIncident('IR-2026-0003', 'Bad owner', 'ghost')).toThrow(/FOREIGN KEY/);
      expect(() => insertIncident('IR-2026-0001', 'Duplicate ref', null)).toThrow(/UNIQUE/);
      const search = (q: string) =>
        (db.prepare('SELECT ref FROM incidents WHERE id IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?) ORDER BY id').all(q) as { ref: string }[]).map((r) => r.ref);
      expect(search('"somwa"')).toEqual(['IR-2026-0001']);
      db.prepare("UPDATE incidents SET title = 'Encrypted shares' WHERE ref = 'IR-2026-0001'").run();
      expect(search('"somwa"')).toEqual([]);
      expect(search('"crypted"')).toEqual(['IR-2026-0001']);
      db.prepare('INSERT INTO incident_counters (year, last) VALUES (2026, 2)').run();
    },
  },
  40: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      appendEvent(db, { actor: 'root', type: 'incident.note', data: { text: 'the zebra escaped' }, ts: TS });
      appendEvent(db, { actor: 'root', type: 'incident.note', data: { text: 'nothing to see' }, ts: TS });
      insertIncident('IR-2026-0001', 'Kept incident', 'root');
    },
    survived: () => {
      expect(verifyChain(db)).toMatchObject({ ok: true, count: 2 });
      expect(count("SELECT count(*) AS n FROM incidents WHERE owner = 'root'")).toBe(1);
    },
    works: () => {
      const match = (q: string) => (db.prepare('SELECT rowid AS seq FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid').all(q) as { seq: number }[]).map((r) => r.seq);
      // Events written before the step are indexed by it…
      expect(match('zebra')).toEqual([1]);
      // …and new ones by the trigger.
      appendEvent(db, { actor: 'root', type: 'incident.note', data: { text: 'another zebra' }, ts: TS });
      expect(match('zebra')).toEqual([1, 3]);
      expect(match('actor:root')).toEqual([1, 2, 3]);
    },
  },
  50: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      insertIncident('IR-2026-0001', 'Has evidence', 'root');
      appendEvent(db, { actor: 'root', type: 'incident.note', data: { text: 'searchable words' }, ts: TS });
    },
    survived: () => {
      expect(count("SELECT count(*) AS n FROM incidents WHERE ref = 'IR-2026-0001'")).toBe(1);
      expect(count("SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH 'searchable'")).toBe(1);
    },
    works: () => {
      const insert = (id: string, ref: string) =>
        db.prepare("INSERT INTO evidence (id, incident_ref, name, media_type, size, sha256, added_by, added_at) VALUES (?, ?, 'a.txt', 'text/plain', 1, ?, 'root', ?)").run(id, ref, 'ab'.repeat(32), TS);
      insert('e1', 'IR-2026-0001');
      expect(() => insert('e2', 'IR-2026-0999')).toThrow(/FOREIGN KEY/);
      expect(db.prepare("SELECT description FROM evidence WHERE id = 'e1'").get()).toEqual({ description: '' });
    },
  },
  60: {
    seed: () => {
      appendEvent(db, { actor: 'root', type: 'test.kept', data: { n: 1 }, ts: TS });
    },
    survived: () => expect(count('SELECT count(*) AS n FROM events')).toBe(1),
    works: () => {
      // REPLACE would delete the old row without firing events_no_delete; the step refuses it.
      expect(() =>
        db.prepare("INSERT OR REPLACE INTO events (seq, ts, actor, type, incident_ref, data, prev_hash, hash) VALUES (1, ?, 'x', 'forged', NULL, '{}', ?, ?)").run(TS, '0'.repeat(64), 'f'.repeat(64)),
      ).toThrow(/append-only/);
      expect(db.prepare('SELECT type FROM events WHERE seq = 1').get()).toEqual({ type: 'test.kept' });
      appendEvent(db, { actor: 'root', type: 'test.next', data: {}, ts: TS });
      expect(count('SELECT count(*) AS n FROM events')).toBe(2);
    },
  },
  70: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      insertIncident('IR-2026-0001', 'Counted after the step', 'root');
    },
    survived: () => expect(count("SELECT count(*) AS n FROM incidents WHERE ref = 'IR-2026-0001'")).toBe(1),
    works: () => {
      const sql = "SELECT count(*) AS n FROM incidents WHERE status_rank IN (0, 1) AND severity IN ('SEV2', 'SEV3')";
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
      expect(plan).toMatch(/COVERING INDEX incidents_filter/);
      expect(count(sql)).toBe(1);
    },
  },
  80: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      insertIncident('IR-2026-0001', 'Gets a run', 'root');
    },
    survived: () => expect(count("SELECT count(*) AS n FROM incidents WHERE ref = 'IR-2026-0001'")).toBe(1),
    works: () => {
      db.prepare(
        `INSERT INTO runbook_runs (id, incident_ref, runbook_id, version, content_hash, source, file_text, definition, started_at, started_by)
         VALUES ('r1', 'IR-2026-0001', 'rb', '1.0.0', 'h', 'built-in', 'text', '{}', ?, 'root')`,
      ).run(TS);
      expect(() =>
        db.prepare(`INSERT INTO runbook_runs (id, incident_ref, runbook_id, version, content_hash, source, file_text, definition, started_at, started_by)
          VALUES ('r2', 'IR-2026-0999', 'rb', '1.0.0', 'h', 'built-in', 'text', '{}', ?, 'root')`).run(TS),
      ).toThrow(/FOREIGN KEY/);
      const insert = db.prepare("INSERT INTO runbook_transitions (run_id, n, event_seq, data) VALUES ('r1', ?, 1, '{}')");
      insert.run(0);
      // Transitions are a record: never changed, removed or overwritten.
      expect(() => insert.run(0)).toThrow(/append-only|UNIQUE/);
      expect(() => db.prepare("INSERT OR REPLACE INTO runbook_transitions (run_id, n, event_seq, data) VALUES ('r1', 0, 2, '{}')").run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE runbook_transitions SET data = 'x'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM runbook_transitions').run()).toThrow(/append-only/);
      expect(count('SELECT count(*) AS n FROM runbook_transitions')).toBe(1);
    },
  },
  90: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
    },
    survived: () => expect(count("SELECT count(*) AS n FROM users WHERE name = 'root'")).toBe(1),
    works: () => {
      db.prepare("INSERT INTO backup_plans (name, config, created_at, created_by, updated_at) VALUES ('nightly', '{}', ?, 'root', ?)").run(TS, TS);
      const insert = db.prepare(
        `INSERT INTO backups (id, plan, dir, kind, parent, started_at, finished_at, files, bytes, stored_files, stored_bytes, archive_file, manifest_file, archive_size)
         VALUES (?, 'nightly', '/backups/nightly', ?, ?, ?, ?, 1, 1, 1, 1, 'a.tar.age', 'a.manifest.age', 10)`,
      );
      insert.run('b1', 'full', null, TS, TS);
      expect(() => insert.run('b2', 'partial', null, TS, TS)).toThrow(/CHECK/);
      expect(() => insert.run('b3', 'incremental', 'no-such-parent', TS, TS)).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("INSERT INTO backup_identity (id, identity, recipient, created_at) VALUES (2, 'x', 'y', ?)").run(TS)).toThrow(/CHECK/);
      db.prepare("INSERT INTO backup_checks (backup_id, level, at, ok, problems, files, bytes) VALUES ('b1', 'full', ?, 1, '[]', 1, 1)").run(TS);
      expect(count('SELECT count(*) AS n FROM backup_checks')).toBe(1);
    },
  },
  100: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      insertIncident('IR-2026-0001', 'A breach', 'root');
    },
    survived: () => expect(count("SELECT count(*) AS n FROM incidents WHERE ref = 'IR-2026-0001'")).toBe(1),
    works: () => {
      const insert = db.prepare('INSERT INTO breach_facts (incident_ref, facts, updated_at, updated_by) VALUES (?, ?, ?, ?)');
      insert.run('IR-2026-0001', '{"awareAt":null}', TS, 'root');
      expect(() => insert.run('IR-2026-0999', '{}', TS, 'root')).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("UPDATE breach_facts SET facts = 'not json'").run()).toThrow(/CHECK/);
      expect(count('SELECT count(*) AS n FROM breach_facts')).toBe(1);
    },
  },
  105: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      insertIncident('IR-2026-0001', 'A breach', 'root');
    },
    survived: () => expect(count("SELECT count(*) AS n FROM incidents WHERE ref = 'IR-2026-0001'")).toBe(1),
    works: () => {
      const insert = db.prepare("INSERT INTO notify_alarms (incident_ref, regime_id, stage_id, due, threshold_hours, raised_at) VALUES (?, 'eu-gdpr-art33', 'notification', ?, ?, ?)");
      insert.run('IR-2026-0001', TS, 24, TS);
      // Once per threshold and deadline.
      expect(() => insert.run('IR-2026-0001', TS, 24, TS)).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(() => insert.run('IR-2026-0001', TS, -1, TS)).toThrow(/CHECK/);
      expect(() => insert.run('IR-2026-0999', TS, 4, TS)).toThrow(/FOREIGN KEY/);
    },
  },
  110: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
    },
    survived: () => expect(count("SELECT count(*) AS n FROM users WHERE name = 'root'")).toBe(1),
    works: () => {
      const put = db.prepare('INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)');
      put.run('letterhead', '{"organisation":"Example GmbH"}', TS, 'root');
      expect(() => put.run('broken', 'not json', TS, 'root')).toThrow(/CHECK/);
      expect(() => put.run('letterhead', '{}', TS, 'root')).toThrow(/UNIQUE|PRIMARY KEY/);
      db.prepare("UPDATE settings SET value = '{}' WHERE key = 'letterhead'").run();
      expect(db.prepare("SELECT value FROM settings WHERE key = 'letterhead'").get()).toEqual({ value: '{}' });
    },
  },
  120: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      insertIncident('IR-2026-0001', 'A breach to notify', 'root');
      db.prepare("INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('letterhead', '{}', ?, 'root')").run(TS);
    },
    survived: () => expect(count("SELECT count(*) AS n FROM settings WHERE key = 'letterhead'")).toBe(1),
    works: () => {
      const draft = db.prepare(
        `INSERT INTO notify_drafts (id, incident_ref, regime_id, regime_name, stage, audience, recipient, outcome, contents, required_approvals, supplement_to, created_at, created_by)
         VALUES (?, ?, 'eu-gdpr-art33', 'GDPR Art. 33', 'notification', 'authority', 'The authority', 'notify', '[]', ?, ?, ?, 'root')`,
      );
      draft.run('d1', 'IR-2026-0001', 1, null, TS);
      expect(() => draft.run('d2', 'IR-2026-0999', 1, null, TS)).toThrow(/FOREIGN KEY/);
      expect(() => draft.run('d3', 'IR-2026-0001', 3, null, TS)).toThrow(/CHECK/);
      expect(() => draft.run('d4', 'IR-2026-0001', 1, 'no-such-draft', TS)).toThrow(/FOREIGN KEY/);
      const version = db.prepare("INSERT INTO notify_draft_versions (draft_id, version, title, body, sha256, created_at, created_by, event_seq) VALUES ('d1', ?, 't', ?, 'h', ?, 'root', 1)");
      version.run(1, 'first text', TS);
      version.run(2, 'second text', TS);
      // Versions, approvals and the sent record are a record: never changed, removed or overwritten.
      expect(() => version.run(1, 'rewritten', TS)).toThrow(/append-only|UNIQUE/);
      expect(() => db.prepare("INSERT OR REPLACE INTO notify_draft_versions (draft_id, version, title, body, sha256, created_at, created_by, event_seq) VALUES ('d1', 1, 't', 'x', 'h', ?, 'root', 2)").run(TS)).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE notify_draft_versions SET body = 'x'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM notify_draft_versions').run()).toThrow(/append-only/);
      const approve = db.prepare("INSERT INTO notify_draft_approvals (draft_id, version, user, at, event_seq) VALUES ('d1', ?, 'root', ?, 2)");
      approve.run(2, TS);
      expect(() => approve.run(2, TS)).toThrow(/append-only|UNIQUE/);
      expect(() => approve.run(9, TS)).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare('DELETE FROM notify_draft_approvals').run()).toThrow(/append-only/);
      const sent = db.prepare("INSERT INTO notify_draft_sent (draft_id, version, channel, recipient, sent_at, sha256, hash_of, by, recorded_at, event_seq) VALUES ('d1', 2, 'email', ?, ?, 'h', 'body', 'root', ?, 3)");
      sent.run('dpa@example.org', TS, TS);
      expect(() => sent.run('someone@example.org', TS, TS)).toThrow(/append-only|UNIQUE/);
      expect(() => db.prepare("UPDATE notify_draft_sent SET recipient = 'x'").run()).toThrow(/append-only/);
      expect(count('SELECT count(*) AS n FROM notify_draft_versions')).toBe(2);
      expect(db.prepare("SELECT body FROM notify_draft_versions WHERE version = 1").get()).toEqual({ body: 'first text' });
    },
  },
  130: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at, totp_secret) VALUES ('root', 'admin', ?, 'ABC'), ('kim', 'responder', ?, NULL)").run(TS, TS);
      insertIncident('IR-2026-0001', 'Owned by kim', 'kim');
    },
    survived: () => {
      // Users from before are active, keep their own passphrases and their sessions' epoch 0.
      expect(db.prepare('SELECT name, totp_secret, disabled_at, disabled_by, must_change_passphrase, session_epoch, sessions_revoked_for FROM users ORDER BY name').all()).toEqual([
        { name: 'kim', totp_secret: null, disabled_at: null, disabled_by: null, must_change_passphrase: 0, session_epoch: 0, sessions_revoked_for: null },
        { name: 'root', totp_secret: 'ABC', disabled_at: null, disabled_by: null, must_change_passphrase: 0, session_epoch: 0, sessions_revoked_for: null },
      ]);
    },
    works: () => {
      db.prepare("UPDATE users SET disabled_at = ?, disabled_by = 'root', session_epoch = session_epoch + 1, sessions_revoked_for = 'disabled' WHERE name = 'kim'").run(TS);
      expect(db.prepare("SELECT disabled_by, session_epoch FROM users WHERE name = 'kim'").get()).toEqual({ disabled_by: 'root', session_epoch: 1 });
      // A disabled user keeps what is theirs: the incident still names kim as owner.
      expect(db.prepare("SELECT owner FROM incidents WHERE ref = 'IR-2026-0001'").get()).toEqual({ owner: 'kim' });
      expect(() => db.prepare("UPDATE users SET must_change_passphrase = 2 WHERE name = 'root'").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE users SET session_epoch = -1 WHERE name = 'root'").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE users SET sessions_revoked_for = 'whim' WHERE name = 'root'").run()).toThrow(/CHECK/);
      db.prepare("INSERT INTO users (name, role, created_at, must_change_passphrase) VALUES ('lena', 'legal', ?, 1)").run(TS);
      expect(db.prepare("SELECT must_change_passphrase, session_epoch FROM users WHERE name = 'lena'").get()).toEqual({ must_change_passphrase: 1, session_epoch: 0 });
    },
  },
  140: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      db.prepare(
        `INSERT INTO backups (id, plan, dir, kind, parent, started_at, finished_at, files, bytes, stored_files, stored_bytes, archive_file, manifest_file, archive_size)
         VALUES ('b1', 'nightly', '/backups/nightly', 'full', NULL, ?, ?, 1, 1, 1, 1, 'a.tar.age', 'a.manifest.age', 10)`,
      ).run(TS, TS);
      const check = db.prepare("INSERT INTO backup_checks (backup_id, level, at, ok, problems, files, bytes, restore_seconds, rto_seconds) VALUES ('b1', ?, ?, 1, '[]', 1, 1, ?, ?)");
      check.run('drill', TS, 12.5, 1800);
      check.run('full', '2026-03-14T10:00:00.000Z', null, null);
    },
    survived: () => {
      expect(db.prepare('SELECT level, restore_seconds FROM backup_checks ORDER BY id').all()).toEqual([
        { level: 'drill', restore_seconds: 12.5 }, { level: 'full', restore_seconds: null },
      ]);
    },
    works: () => {
      // A check is a record: never changed, removed or overwritten; a later one is a new row.
      expect(() => db.prepare("UPDATE backup_checks SET ok = 0 WHERE level = 'drill'").run()).toThrow(/append-only/);
      expect(() => db.prepare("DELETE FROM backup_checks WHERE level = 'drill'").run()).toThrow(/append-only/);
      expect(() => db.prepare("INSERT OR REPLACE INTO backup_checks (id, backup_id, level, at, ok, problems, files, bytes) VALUES (1, 'b1', 'quick', ?, 1, '[]', 1, 1)").run(TS)).toThrow(/append-only/);
      db.prepare("INSERT INTO backup_checks (backup_id, level, at, ok, problems, files, bytes) VALUES ('b1', 'quick', ?, 1, '[]', 1, 1)").run(TS);
      expect(count('SELECT count(*) AS n FROM backup_checks')).toBe(3);
      const sql = "SELECT * FROM backup_checks WHERE backup_id = 'b1' AND level = 'drill' ORDER BY at DESC, id DESC LIMIT 1";
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
      expect(plan).toMatch(/INDEX backup_checks_latest/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
      expect(db.prepare(sql).get()).toMatchObject({ level: 'drill', restore_seconds: 12.5, rto_seconds: 1800 });
    },
  },
  150: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      insertIncident('IR-2026-0001', 'A breach with a decision', 'root');
    },
    survived: () => expect(count('SELECT count(*) AS n FROM incidents')).toBe(1),
    works: () => {
      const decide = db.prepare("INSERT INTO notify_decisions (incident_ref, regime_id, decision, reason, by, at, event_seq) VALUES (?, 'us-tx-ag', ?, ?, 'root', ?, 1)");
      decide.run('IR-2026-0001', 'not-required', 'All 260 Texans were notified by the processor', TS);
      decide.run('IR-2026-0001', 'required', 'The processor notice did not reach everyone', TS);
      expect(() => decide.run('IR-2026-0999', 'not-required', 'x', TS)).toThrow(/FOREIGN KEY/);
      expect(() => decide.run('IR-2026-0001', 'maybe', 'x', TS)).toThrow(/CHECK/);
      expect(() => decide.run('IR-2026-0001', 'not-required', '', TS)).toThrow(/CHECK/);
      // A decision is a record: never changed, removed or overwritten.
      expect(() => db.prepare("UPDATE notify_decisions SET reason = 'x'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM notify_decisions').run()).toThrow(/append-only/);
      expect(() => db.prepare("INSERT OR REPLACE INTO notify_decisions (id, incident_ref, regime_id, decision, reason, by, at, event_seq) VALUES (1, 'IR-2026-0001', 'us-tx-ag', 'required', 'x', 'root', ?, 2)").run(TS)).toThrow(/append-only/);
      expect(count('SELECT count(*) AS n FROM notify_decisions')).toBe(2);
    },
  },
  160: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      insertIncident('IR-2026-0001', 'Moved back a phase later', 'root');
      db.prepare("UPDATE incidents SET status = 'closed', status_rank = 5, contained_at = ?, closed_at = ? WHERE ref = 'IR-2026-0001'").run(TS, TS);
    },
    survived: () =>
      expect(db.prepare("SELECT status, contained_at, closed_at FROM incidents WHERE ref = 'IR-2026-0001'").get()).toEqual({ status: 'closed', contained_at: TS, closed_at: TS }),
    works: () => {
      const put = db.prepare(
        `INSERT INTO incident_superseded_times (id, incident_ref, phase, at, superseded_at, superseded_by, reason, event_seq)
         VALUES (?, ?, ?, ?, ?, 'root', 'Attacker came back', 7)`,
      );
      put.run(1, 'IR-2026-0001', 'closed', TS, TS);
      expect(() => put.run(2, 'IR-2026-0999', 'closed', TS, TS)).toThrow(/FOREIGN KEY/);
      // 'detected' is never superseded: a move back cannot go before it.
      expect(() => put.run(3, 'IR-2026-0001', 'detected', TS, TS)).toThrow(/CHECK/);
      // A superseded time is a record: never changed, removed or overwritten.
      expect(() => put.run(1, 'IR-2026-0001', 'recovered', TS, TS)).toThrow(/append-only|UNIQUE/);
      expect(() => db.prepare("INSERT OR REPLACE INTO incident_superseded_times (id, incident_ref, phase, at, superseded_at, superseded_by, reason, event_seq) VALUES (1, 'IR-2026-0001', 'recovered', 'x', 'x', 'root', 'r', 8)").run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE incident_superseded_times SET at = 'x'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM incident_superseded_times').run()).toThrow(/append-only/);
      expect(db.prepare('SELECT phase, at, reason, event_seq FROM incident_superseded_times').all()).toEqual([{ phase: 'closed', at: TS, reason: 'Attacker came back', event_seq: 7 }]);
    },
  },
  170: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      // Raised to SEV1, then lowered to SEV3: the highest it reached is SEV1, which only the log knows.
      insertIncident('IR-2026-0001', 'Escalated and calmed down', 'root');
      appendEvent(db, { actor: 'root', type: 'incident.created', incidentRef: 'IR-2026-0001', ts: TS, data: { fields: { severity: 'SEV2' } } });
      appendEvent(db, { actor: 'root', type: 'incident.updated', incidentRef: 'IR-2026-0001', ts: TS, data: { changes: [{ field: 'severity', before: 'SEV2', after: 'SEV1' }] } });
      appendEvent(db, { actor: 'root', type: 'incident.updated', incidentRef: 'IR-2026-0001', ts: TS, data: { changes: [{ field: 'severity', before: 'SEV1', after: 'SEV3' }] } });
      db.prepare("UPDATE incidents SET severity = 'SEV3' WHERE ref = 'IR-2026-0001'").run();
      insertIncident('IR-2026-0002', 'Never changed', 'root');
    },
    survived: () => {
      expect(db.prepare('SELECT ref, severity, highest_severity, started_at, exercise FROM incidents ORDER BY ref').all()).toEqual([
        { ref: 'IR-2026-0001', severity: 'SEV3', highest_severity: 'SEV1', started_at: null, exercise: 0 },
        { ref: 'IR-2026-0002', severity: 'SEV2', highest_severity: 'SEV2', started_at: null, exercise: 0 },
      ]);
    },
    works: () => {
      db.prepare("UPDATE incidents SET started_at = ?, exercise = 1 WHERE ref = 'IR-2026-0002'").run(TS);
      expect(() => db.prepare("UPDATE incidents SET exercise = 2 WHERE ref = 'IR-2026-0002'").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE incidents SET highest_severity = 'SEV9' WHERE ref = 'IR-2026-0002'").run()).toThrow(/CHECK/);
      expect(db.prepare("SELECT started_at, exercise FROM incidents WHERE ref = 'IR-2026-0002'").get()).toEqual({ started_at: TS, exercise: 1 });
    },
  },
  180: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      insertIncident('IR-2026-0001', 'Reviewed later', 'root');
      appendEvent(db, { actor: 'root', type: 'incident.note', incidentRef: 'IR-2026-0001', data: { text: 'before reviews' }, ts: TS });
    },
    survived: () => {
      expect(count('SELECT count(*) AS n FROM incidents')).toBe(1);
      expect(verifyChain(db)).toMatchObject({ ok: true, count: 1 });
    },
    works: () => {
      const hash = 'a'.repeat(64);
      const version = db.prepare(
        `INSERT INTO review_versions (incident_ref, version, sections, changed, sha256, saved_by, saved_at, reopened_from, reopen_reason, event_seq)
         VALUES ('IR-2026-0001', ?, '{"summary":"x"}', '["summary"]', ?, 'root', ?, ?, ?, 2)`,
      );
      version.run(1, hash, TS, null, null);
      // Versions follow each other: no gap, no second version 1, no rewriting, no deleting.
      expect(() => version.run(3, hash, TS, null, null)).toThrow(/follow each other/);
      expect(() => version.run(1, hash, TS, null, null)).toThrow(/append-only|follow/);
      expect(() => version.run(2, hash, TS, 1, null)).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE review_versions SET sections = '{}'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM review_versions').run()).toThrow(/append-only/);
      const signOff = db.prepare("INSERT INTO review_signoffs (incident_ref, version, signed_by, signed_at, event_seq) VALUES ('IR-2026-0001', ?, 'root', ?, 3)");
      signOff.run(1, TS);
      expect(() => signOff.run(7, TS)).toThrow(/FOREIGN KEY/);
      version.run(2, hash, TS, 1, 'Added the tools section');
      expect(() => db.prepare('DELETE FROM review_signoffs').run()).toThrow(/append-only/);

      db.prepare(
        `INSERT INTO action_items (id, incident_ref, title, owner, due_at, status, version, created_by, created_at, updated_by, updated_at)
         VALUES (1, 'IR-2026-0001', 'Patch RDP', 'root', ?, 'open', 1, 'root', ?, 'root', ?)`,
      ).run(TS, TS, TS);
      expect(() => db.prepare(
        `INSERT INTO action_items (incident_ref, title, owner, due_at, status, version, created_by, created_at, updated_by, updated_at)
         VALUES ('IR-2026-0001', 'Ghost owner', 'ghost', ?, 'open', 1, 'root', ?, 'root', ?)`,
      ).run(TS, TS, TS)).toThrow(/FOREIGN KEY/);
      const itemVersion = db.prepare(
        `INSERT INTO action_item_versions (item_id, version, change, title, owner, due_at, status, note, reason, changed_by, changed_at, event_seq)
         VALUES (1, ?, ?, 'Patch RDP', 'root', ?, ?, ?, NULL, 'root', ?, 4)`,
      );
      itemVersion.run(1, 'added', TS, 'open', null, TS);
      // The item moves only to the state of a version written for it, one version on.
      const close = db.prepare("UPDATE action_items SET status = 'done', status_note = 'Patched', closed_by = 'root', closed_at = ?, version = ? WHERE id = 1");
      expect(() => close.run(TS, 2)).toThrow(/new version/);
      itemVersion.run(2, 'done', TS, 'done', 'Patched', TS);
      expect(() => close.run(TS, 3)).toThrow(/new version/);
      close.run(TS, 2);
      // A closed item has its note and who closed it; an open one has none.
      expect(() => db.prepare("UPDATE action_items SET status = 'open', version = 3 WHERE id = 1").run()).toThrow(/new version|CHECK/);
      expect(() => db.prepare('DELETE FROM action_items').run()).toThrow(/never deleted/);
      expect(() => db.prepare('DELETE FROM action_item_versions').run()).toThrow(/append-only/);
      expect(db.prepare('SELECT status, status_note, version FROM action_items').get()).toEqual({ status: 'done', status_note: 'Patched', version: 2 });

      const alarm = db.prepare('INSERT INTO action_alarms (item_id, due_at, threshold_hours, raised_at) VALUES (1, ?, ?, ?)');
      alarm.run(TS, 24, TS);
      expect(() => alarm.run(TS, 24, TS)).toThrow(/append-only|UNIQUE/);
      expect(() => alarm.run(TS, -1, TS)).toThrow(/CHECK/);
      const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM action_items WHERE status = 'open' AND due_at < ? ORDER BY due_at").all(TS) as { detail: string }[])
        .map((p) => p.detail).join(' ');
      expect(plan).toMatch(/INDEX action_items_due/);
    },
  },
  210: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      insertIncident('IR-2026-0001', 'Moved on, back and on', 'root');
      // A time with an offset is an instant: 11:30+02:00 is 09:30Z.
      db.prepare("UPDATE incidents SET started_at = '2026-03-14T08:00:00.000Z', contained_at = '2026-03-14T11:30:00.000+02:00', highest_severity = 'SEV1' WHERE ref = 'IR-2026-0001'").run();
      insertIncident('IR-2026-0002', 'A clock set back', 'root');
      // Status changes logged before the table existed: totals are rebuilt from the log, in log order.
      const move = (ref: string, ts: string, from: string, to: string) =>
        appendEvent(db, { actor: 'root', type: 'incident.status_changed', incidentRef: ref, ts, data: { from, to } });
      move('IR-2026-0001', '2026-03-14T09:30:00.000Z', 'detected', 'triaged');
      appendEvent(db, { actor: 'root', type: 'incident.note', incidentRef: 'IR-2026-0001', ts: TS, data: { text: 'not a move' } });
      move('IR-2026-0001', '2026-03-14T10:00:00.000Z', 'triaged', 'contained');
      move('IR-2026-0001', '2026-03-14T10:15:00.000Z', 'contained', 'triaged');
      move('IR-2026-0001', '2026-03-14T11:15:00.000Z', 'triaged', 'contained');
      move('IR-2026-0002', '2026-03-14T08:00:00.000Z', 'detected', 'triaged');
    },
    survived: () => expect(count('SELECT count(*) AS n FROM events')).toBe(6),
    works: () => {
      const row = (id: number) => db.prepare(
        `SELECT severity, started_ms, detected_ms, contained_ms, in_detected, in_triaged, in_contained, entered_mask, spoiled_mask, phase, phase_since
           FROM kpi_incidents WHERE id = ?`,
      ).get(id);
      const ms = (iso: string) => Date.parse(iso);
      // Detected 09:00→09:30 (30 min); triaged 09:30→10:00 and 10:15→11:15 (90 min); contained 10:00→10:15 so far, and in it again.
      expect(row(1)).toEqual({
        severity: 'SEV1', started_ms: ms('2026-03-14T08:00:00Z'), detected_ms: ms(TS), contained_ms: ms('2026-03-14T09:30:00Z'),
        in_detected: 30 * 60_000, in_triaged: 90 * 60_000, in_contained: 15 * 60_000, entered_mask: 0b111, spoiled_mask: 0, phase: 2, phase_since: ms('2026-03-14T11:15:00Z'),
      });
      // Left detected at 08:00, before it was recorded at 09:00: that phase is spoiled, not negative.
      expect(row(2)).toMatchObject({ in_detected: 0, spoiled_mask: 0b1, entered_mask: 0b11, phase: 1 });
      // New incidents, edits and moves follow through the triggers.
      insertIncident('IR-2026-0003', 'Added later', 'root');
      db.prepare("UPDATE incidents SET triaged_at = '2026-03-14T09:05:00.000Z', exercise = 1, category = 'phishing' WHERE ref = 'IR-2026-0003'").run();
      appendEvent(db, { actor: 'root', type: 'incident.status_changed', incidentRef: 'IR-2026-0003', ts: '2026-03-14T09:10:00.000Z', data: { from: 'detected', to: 'closed' } });
      expect(db.prepare('SELECT exercise, category, triaged_ms, in_detected, entered_mask, phase FROM kpi_incidents WHERE id = 3').get()).toEqual({
        exercise: 1, category: 'phishing', triaged_ms: ms('2026-03-14T09:05:00Z'), in_detected: 10 * 60_000, entered_mask: 0b100001, phase: 5,
      });
      expect(verifyChain(db).ok).toBe(true);
    },
  },
  220: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      insertIncident('IR-2026-0001', 'Before the step', 'root');
    },
    survived: () => {
      expect(count('SELECT count(*) AS n FROM kpi_incidents')).toBe(1);
      // Nothing changed yet: every day is at version 0 (no row).
      expect(count('SELECT count(*) AS n FROM kpi_days')).toBe(0);
    },
    works: () => {
      const DAY = 86_400_000;
      const day = (iso: string) => Math.floor(Date.parse(iso) / DAY);
      const versions = () => Object.fromEntries((db.prepare('SELECT day, version FROM kpi_days ORDER BY day').all() as { day: number; version: number }[]).map((r) => [r.day, r.version]));
      // A new incident marks its detection day.
      insertIncident('IR-2026-0002', 'Added after', 'root');
      expect(versions()).toEqual({ [day(TS)]: 1 });
      // An edit moving the detection to another day marks both days.
      db.prepare("UPDATE incidents SET detected_at = '2026-02-01T10:00:00.000Z' WHERE ref = 'IR-2026-0001'").run();
      expect(versions()).toEqual({ [day('2026-02-01T10:00:00Z')]: 2, [day(TS)]: 2 });
      // A status move (the log's trigger adds to the phase totals) marks the day again.
      appendEvent(db, { actor: 'root', type: 'incident.status_changed', incidentRef: 'IR-2026-0001', ts: '2026-02-01T11:00:00.000Z', data: { from: 'detected', to: 'triaged' } });
      expect(versions()).toEqual({ [day('2026-02-01T10:00:00Z')]: 3, [day(TS)]: 2 });
      // Other events and fields the KPIs do not read leave every day as it was.
      appendEvent(db, { actor: 'root', type: 'auth.login', ts: TS, data: { user: 'root' } });
      db.prepare("UPDATE incidents SET title = 'Renamed', updated_at = ? WHERE ref = 'IR-2026-0002'").run(TS);
      expect(versions()).toEqual({ [day('2026-02-01T10:00:00Z')]: 3, [day(TS)]: 2 });
      expect(db.prepare('SELECT n FROM kpi_version').get()).toEqual({ n: 3 });
      // The other counters: notices move with events about an incident (and incident rows), backups with a failed run; a sign-in moves neither.
      const counters = () => db.prepare('SELECT notices, backups FROM kpi_version').get() as { notices: number; backups: number };
      const before = counters();
      appendEvent(db, { actor: 'root', type: 'auth.login', ts: TS, data: { user: 'root' } });
      expect(counters()).toEqual(before);
      // A note on an incident without breach facts has no notice to change; facts, then a note, do.
      appendEvent(db, { actor: 'root', type: 'incident.note', incidentRef: 'IR-2026-0002', ts: TS, data: { text: 'a note' } });
      expect(counters()).toEqual(before);
      db.prepare("INSERT INTO breach_facts (incident_ref, facts, updated_at, updated_by) VALUES ('IR-2026-0002', '{}', ?, 'root')").run(TS);
      appendEvent(db, { actor: 'root', type: 'incident.note', incidentRef: 'IR-2026-0002', ts: TS, data: { text: 'a note' } });
      appendEvent(db, { actor: 'system', type: 'backup.failed', ts: TS, data: { plan: 'p', error: 'disk full' } });
      expect(counters()).toEqual({ notices: before.notices + 2, backups: before.backups + 1 });
      // The overrides' partial index finds an override's reason among the incident's events.
      appendEvent(db, { actor: 'root', type: 'incident.updated', incidentRef: 'IR-2026-0001', ts: TS, data: { changes: [], timeOrderOverride: { reason: 'clock was wrong', pairs: [] } } });
      appendEvent(db, { actor: 'root', type: 'incident.note', incidentRef: 'IR-2026-0001', ts: TS, data: { text: 'later' } });
      expect(db.prepare(`SELECT json_extract(data, '$.timeOrderOverride.reason') AS reason FROM events INDEXED BY events_time_overrides
                          WHERE incident_ref = ? AND json_extract(data, '$.timeOrderOverride') IS NOT NULL ORDER BY seq DESC LIMIT 1`).get('IR-2026-0001')).toEqual({ reason: 'clock was wrong' });
      expect(verifyChain(db).ok).toBe(true);
    },
  },
  240: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      const person = { reporterName: 'Zelda Quillfeather', reporterEmail: 'zq@wexbridge.example', reporterPhone: '+44 20 7946 0958', affectedPeople: ['Ingrid Ostrovaya'] };
      appendEvent(db, { actor: 'root', type: 'incident.created', ts: TS, data: { fields: { title: 'Laptop stolen from a car', ...person } } });
      appendEvent(db, { actor: 'root', type: 'incident.updated', ts: TS, data: { changes: [{ field: 'reporterPhone', before: person.reporterPhone, after: '+44 20 7946 3371' }, { field: 'title', before: 'Laptop stolen from a car', after: 'Laptop stolen from a van' }] } });
      appendEvent(db, { actor: 'root', type: 'runbook.step_done', ts: TS, data: { run: 'r1', title: 'Where was it last seen?', value: 'outside Brixhollow station', personal: true } });
      appendEvent(db, { actor: 'root', type: 'incident.note', ts: TS, data: { text: 'Zelda called back about the van' } });
      // Before the step, the index answered on the personal values.
      const old = (q: string) => (db.prepare('SELECT rowid AS seq FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid').all(q) as { seq: number }[]).map((r) => r.seq);
      expect(old('zelda')).toEqual([1, 4]);
      expect(old('"7946"')).toEqual([1, 2]);
      expect(old('brixhollow')).toEqual([3]);
      seededData = db.prepare('SELECT data, hash FROM events ORDER BY seq').all();
      secureDeleteBefore = db.pragma('secure_delete', { simple: true });
    },
    survived: () => {
      // The log is the record: untouched, every value still in it, and the chain verifies.
      expect(db.prepare('SELECT data, hash FROM events ORDER BY seq').all()).toEqual(seededData);
      expect(verifyChain(db)).toMatchObject({ ok: true, count: 4 });
    },
    works: () => {
      const match = (q: string) => (db.prepare('SELECT rowid AS seq FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid').all(q) as { seq: number }[]).map((r) => r.seq);
      // Rebuilt from the log without personal data: a name typed into a note is text everyone reads.
      expect(match('zelda')).toEqual([4]);
      for (const q of ['quillfeather', 'wexbridge', '"7946"', '"0958"', 'ingrid', 'brixhollow', 'zq']) expect(match(q), q).toEqual([]);
      expect(match('laptop')).toEqual([1, 2]);
      expect(match('reporterPhone')).toEqual([1, 2]);
      expect(match('"last seen"')).toEqual([3]);
      // New events are indexed the same way by the trigger.
      appendEvent(db, { actor: 'root', type: 'incident.updated', ts: TS, data: { changes: [{ field: 'reporterName', before: 'Zelda Quillfeather', after: 'Zora Pemberwick' }] } });
      expect(match('pemberwick')).toEqual([]);
      expect(match('reporterName')).toEqual([1, 5]);
      db.exec("CREATE VIRTUAL TABLE temp.terms240 USING fts5vocab(main, 'events_fts', 'row')");
      const terms = (db.prepare('SELECT term FROM temp.terms240').all() as { term: string }[]).map((r) => r.term);
      expect(terms.filter((t) => /quill|wexbridge|7946|0958|ostrov|brix|zora|pember/.test(t))).toEqual([]);
      // Contentless: the index reads nothing back from the log, whose data differs from what it holds.
      expect((db.prepare("SELECT sql FROM sqlite_master WHERE name = 'events_fts'").get() as { sql: string }).sql).toMatch(/content=''/);
      // The step turns secure_delete on for the drop and leaves the connection as it found it.
      expect(db.pragma('secure_delete', { simple: true })).toBe(secureDeleteBefore);
      expect(verifyChain(db)).toMatchObject({ ok: true, count: 5 });
    },
  },
  270: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?), ('bob', 'backup-operator', ?)").run(TS, TS);
      const plan = db.prepare("INSERT INTO backup_plans (name, config, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?)");
      const age1 = `age1${'q'.repeat(58)}`;
      const config = (includeDatabase: boolean, recipients: string[]) => JSON.stringify({ sources: ['/srv/share'], includeDatabase, target: '/mnt/b', recipients });
      plan.run('with-db', config(true, []), TS, 'root', TS);
      plan.run('bobs-key', config(false, [age1]), TS, 'bob', TS);
      plan.run('admins-key', config(false, [age1]), TS, 'root', TS);
      plan.run('files-only', config(false, []), TS, 'bob', TS);
      db.prepare(
        `INSERT INTO backups (id, plan, dir, kind, started_at, finished_at, files, bytes, stored_files, stored_bytes, archive_file, manifest_file, archive_size)
         VALUES ('b1', 'with-db', '/mnt/b/with-db', 'full', ?, ?, 1, 1, 1, 1, 'a.tar.age', 'a.manifest.age', 10)`,
      ).run(TS, TS);
    },
    survived: () => {
      expect(count('SELECT count(*) AS n FROM backup_plans')).toBe(4);
      // Nothing is dropped: the recipients stay on the plan until an administrator decides.
      expect(JSON.parse((db.prepare("SELECT config FROM backup_plans WHERE name = 'bobs-key'").get() as { config: string }).config)).toMatchObject({ recipients: [`age1${'q'.repeat(58)}`] });
    },
    works: () => {
      const review = (name: string) => {
        const r = db.prepare('SELECT review, predates_decisions, recipients_decided_by FROM backup_plans WHERE name = ?').get(name) as { review: string | null; predates_decisions: number; recipients_decided_by: string | null };
        return { ...r, review: r.review === null ? null : (JSON.parse(r.review) as { reasons: string[]; blocksRuns: boolean; alarmed: boolean }) };
      };
      // The database, whoever added it; recipients added by someone who is not an administrator.
      expect(review('with-db')).toMatchObject({ predates_decisions: 1, review: { reasons: [expect.stringMatching(/^it includes Firebreak's database \(added by root/)], blocksRuns: false, alarmed: false } });
      expect(review('bobs-key').review?.reasons).toEqual([expect.stringMatching(/^1 extra age recipient was added by bob \(backup-operator\)/)]);
      // An administrator's recipients are his decision; a plan of files only is left alone.
      expect(review('admins-key')).toEqual({ review: null, predates_decisions: 1, recipients_decided_by: 'root' });
      expect(review('files-only')).toEqual({ review: null, predates_decisions: 1, recipients_decided_by: null });
      // Older backups: not known whether they hold the database (the restore reads the manifest).
      expect(db.prepare("SELECT contains_database FROM backups WHERE id = 'b1'").get()).toEqual({ contains_database: null });
      expect(() => db.prepare("UPDATE backups SET contains_database = 2 WHERE id = 'b1'").run()).toThrow(/CHECK/);
      db.prepare("INSERT INTO backup_plans (name, config, created_at, created_by, updated_at) VALUES ('new', '{}', ?, 'root', ?)").run(TS, TS);
      expect(review('new').predates_decisions).toBe(0);
    },
  },
  271: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at, totp_secret, totp_last_step) VALUES ('root', 'admin', ?, 'JBSWY3DPEHPK3PXP', 7)").run(TS);
      db.prepare("INSERT INTO users (name, role, created_at, totp_pending) VALUES ('kim', 'responder', ?, 'KRSXG5CTMVRXEZLU')").run(TS);
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('lee', 'auditor', ?)").run(TS);
    },
    survived: () => {
      expect(db.prepare('SELECT name, totp_last_step FROM users ORDER BY name').all()).toEqual([
        { name: 'kim', totp_last_step: null }, { name: 'lee', totp_last_step: null }, { name: 'root', totp_last_step: 7 },
      ]);
      // The enrolled secret waits in totp_legacy for root's next sign-in; kim's pending enrolment is dropped.
      expect(db.prepare('SELECT user, secret FROM totp_legacy').all()).toEqual([{ user: 'root', secret: 'JBSWY3DPEHPK3PXP' }]);
    },
    works: () => {
      const columns = (db.prepare("SELECT name FROM pragma_table_info('users')").all() as { name: string }[]).map((c) => c.name);
      expect(columns).toEqual(expect.arrayContaining(['totp_sealed', 'totp_pending_sealed']));
      expect(columns).not.toContain('totp_secret');
      expect(columns).not.toContain('totp_pending');
      expect(db.prepare('SELECT reason FROM pending_vacuum').get()).toEqual({ reason: '2 plain TOTP secrets were moved out of the users table (migration 271)' });
      expect(vacuumIfPending(db)).toBe('done');
      expect(vacuumIfPending(db)).toBe('none');
      expect(db.prepare('SELECT secret FROM totp_legacy').all()).toEqual([{ secret: 'JBSWY3DPEHPK3PXP' }]);
      db.prepare("INSERT INTO user_keys (user, slot_id, nonce, ciphertext, tag, created_at) VALUES ('lee', 's1', 'n', 'c', 't', ?)").run(TS);
      expect(() => db.prepare("INSERT INTO user_keys (user, slot_id, nonce, ciphertext, tag, created_at) VALUES ('lee', 's1', 'n', 'c', 't', ?)").run(TS)).toThrow(/UNIQUE/);
      expect(() => db.prepare("INSERT INTO user_keys (user, slot_id, nonce, ciphertext, tag, created_at) VALUES ('nobody', 's1', 'n', 'c', 't', ?)").run(TS)).toThrow(/FOREIGN KEY/);
    },
  },
  300: {
    seed: seedPersonalData,
    survived: () => {
      expect(db.prepare("SELECT ref, title FROM incidents").all()).toEqual([{ ref: 'IR-2026-0001', title: 'Lost laptop' }]);
      expect(count("SELECT count(*) AS n FROM events WHERE type = 'incident.note'")).toBe(2);
    },
    works: () => {
      // Nothing personal left in any row: the incident's columns and the log hold envelopes.
      for (const t of (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])) {
        const rows = JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).raw().all(), (_k, x: unknown) => (Buffer.isBuffer(x) ? x.toString('latin1') : x));
        for (const v of PERSONAL_VALUES) expect(rows, `${t.name} holds ${v}`).not.toContain(v);
      }
      const created = db.prepare("SELECT data, hash, v1_hash FROM events WHERE type = 'incident.created'").get() as { data: string; hash: string; v1_hash: string };
      expect(JSON.parse(created.data)).toMatchObject({ fields: { title: 'Lost laptop', reporterName: { enc: 'pii-v1' }, affectedPeople: { enc: 'pii-v1' }, reporterPhone: null } });
      // Re-anchored from the first event that changed: the one before keeps its hash, later ones keep their old hash as v1_hash.
      expect(db.prepare('SELECT hash, v1_hash FROM events WHERE seq = 1').get()).toEqual({ hash: oldHashes[0], v1_hash: null });
      expect(created.v1_hash).toBe(oldHashes[1]);
      expect(created.hash).not.toBe(oldHashes[1]);
      const reanchored = db.prepare("SELECT data FROM events WHERE type = 'log.reanchored'").get() as { data: string };
      expect(JSON.parse(reanchored.data)).toMatchObject({ v1Head: oldHead, incidents: 1, events: 2, reanchored: 4 });
      // The chain verifies with no key, and an anchor handed out before the step still holds.
      expect(verifyChain(db)).toMatchObject({ ok: true, count: 6 });
      expect(verifyChain(db, oldHead!)).toMatchObject({ ok: true });
      expect(verifyChain(db, { seq: oldHead!.seq, hash: 'f'.repeat(64) })).toMatchObject({ ok: false });
      // The independent verifier agrees, old anchor included (docs/log-format.md).
      const script = spawnSync(process.execPath, ['scripts/verify-log.mjs', join(dir, 'firebreak.db'), keyHex, '--anchor', `${oldHead!.seq}:${oldHead!.hash}`], { encoding: 'utf8', timeout: 20_000 });
      expect(script.status, script.stderr).toBe(0);

      // The first sign-in of a pii:read user takes the key from the escrow; the values open again.
      // (Today's sign-in code runs on today's schema: the later steps first.)
      migrate(db);
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      expect(settlePiiAccess(db, 'root', 'admin', randomBytes(32), TS)).toMatchObject({ holds: true, claimed: true });
      expect(count('SELECT count(*) AS n FROM pii_escrow')).toBe(0);
      expect(findIncident(db, 'IR-2026-0001')).toMatchObject({ reporterName: 'Ottilie Brennagh', reporterEmail: 'ob.second@quillmail.test', affectedPeople: ['Ingrid Ostrova'] });
      const events = eventsForIncident(db, 'IR-2026-0001');
      expect(events.find((e) => e.type === 'incident.updated')?.data.changes).toEqual([{ field: 'reporterEmail', before: 'o.brennagh@quillmail.test', after: 'ob.second@quillmail.test' }]);

      // The plain values leave the file's free space too: the next open VACUUMs.
      expect(db.prepare('SELECT reason FROM pending_vacuum').get()).toEqual({ reason: 'personal data of 1 incidents and 2 events was sealed (migration 300)' });
      expect(vacuumIfPending(db)).toBe('done');
      checkpointWal(db);
      const pages = decryptedPages(join(dir, 'firebreak.db'), keyHex);
      for (const v of PERSONAL_VALUES) expect(pages.db.includes(v) || pages.wal.includes(v), `a page holds ${v}`).toBe(false);
    },
  },
  301: {
    seed: () => insertIncident('IR-2026-0001', 'Phone stolen', null),
    survived: () => expect(count('SELECT count(*) AS n FROM incidents')).toBe(1),
    works: () => {
      db.prepare("INSERT INTO pii_masked_text (incident_ref, text_hash, text) VALUES ('IR-2026-0001', 'h1', 'Phone stolen')").run();
      expect(() => db.prepare("INSERT INTO pii_masked_text (incident_ref, text_hash, text) VALUES ('IR-2026-0001', 'h1', 'again')").run()).toThrow(/UNIQUE/);
      // Queued (the text) or masked (no copy of the text): never both, never neither.
      expect(() => db.prepare("UPDATE pii_masked_text SET masked = 'x' WHERE text_hash = 'h1'").run()).toThrow(/CHECK/);
      db.prepare("UPDATE pii_masked_text SET masked = 'Phone stolen', text = NULL WHERE text_hash = 'h1'").run();
      expect(() => db.prepare("INSERT INTO pii_masked_text (incident_ref, text_hash) VALUES ('IR-2026-0001', 'h2')").run()).toThrow(/CHECK/);
    },
  },
  310: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      insertIncident('IR-2026-0001', 'Phish', 'root');
      insertIncident('IR-2026-0002', 'Insider', 'root');
      // IR-2026-0002's personal data was erased before the step.
      db.prepare("INSERT INTO data_subjects (id, incident_ref, epoch, sealed, created_at, shredded_at, shredded_by, shred_reason) VALUES ('s2', 'IR-2026-0002', NULL, NULL, ?, ?, 'root', 'request of the person')").run(TS, TS);
      seedRun('r1', 'IR-2026-0001', ANSWERS[0]);
      seedRun('r2', 'IR-2026-0002', ANSWERS[1]);
    },
    survived: () => {
      expect(count('SELECT count(*) AS n FROM runbook_transitions')).toBe(6);
      expect(db.prepare("SELECT json_extract(data, '$.value') FROM runbook_transitions WHERE run_id = 'r1' AND n = 2").pluck().get()).toBe(3);
      expect(db.prepare("SELECT id, part, shredded_by FROM data_subjects WHERE incident_ref = 'IR-2026-0002' ORDER BY part").all()).toMatchObject([{ id: 's2', part: 'incident', shredded_by: 'root' }, { part: 'runbook-answers', shredded_by: 'root' }]);
    },
    works: () => {
      for (const a of ANSWERS) expect(everyRowText(), a).not.toContain(a);
      expect(verifyChain(db)).toMatchObject({ ok: true });
      // One subject per incident and part: a second answers subject for the same incident is refused.
      expect(() => db.prepare("INSERT INTO data_subjects (id, incident_ref, epoch, sealed, created_at, part) VALUES ('x', 'IR-2026-0001', 1, 'k', ?, 'runbook-answers')").run(TS)).toThrow(/UNIQUE/);
      db.prepare("INSERT INTO data_subjects (id, incident_ref, epoch, sealed, created_at) VALUES ('s1', 'IR-2026-0001', 1, 'k', ?)").run(TS);
      expect(db.prepare("SELECT part FROM data_subjects WHERE id = 's1'").pluck().get()).toBe('incident');
      db.prepare("INSERT INTO event_prior_hashes (seq, hash, replaced_at_step) VALUES (1, 'h', 310)").run();
      // The erased incident's answers open for no one, even with the personal-data key.
      // (Today's sign-in code runs on today's schema: the later steps first.)
      migrate(db);
      expect(settlePiiAccess(db, 'root', 'admin', randomBytes(32), TS)).toMatchObject({ holds: true, claimed: true });
      const sealed = (run: string) => JSON.parse(db.prepare("SELECT data FROM runbook_transitions WHERE run_id = ? AND n = 1").pluck().get(run) as string) as { value: Envelope };
      expect(openEnvelope(db, sealed('r1').value, runbookAnswerField('r1', 'who'))).toEqual({ ok: true, value: ANSWERS[0] });
      expect(openEnvelope(db, sealed('r2').value, runbookAnswerField('r2', 'who'))).toEqual({ ok: false, why: 'erased' });
      // Bound to the run and step: the same envelope does not open for another step.
      expect(openEnvelope(db, sealed('r1').value, runbookAnswerField('r1', 'count'))).toEqual({ ok: false, why: 'locked' });
      expect(db.prepare('SELECT reason FROM pending_vacuum').get()).toEqual({ reason: '2 personal runbook answers and 2 events were sealed (migration 310)' });
    },
  },
  280: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      insertIncident('IR-2026-0001', 'Ransomware', 'root');
      const add = db.prepare(
        `INSERT INTO action_items (id, incident_ref, title, owner, due_at, status, version, created_by, created_at, updated_by, updated_at)
         VALUES (?, 'IR-2026-0001', ?, 'root', ?, 'open', 1, 'root', ?, 'root', ?)`,
      );
      const version = db.prepare(
        `INSERT INTO action_item_versions (item_id, version, change, title, owner, due_at, status, note, reason, changed_by, changed_at, event_seq)
         VALUES (?, 1, 'added', ?, 'root', ?, 'open', NULL, NULL, 'root', ?, 1)`,
      );
      // A date given to the CLI on a machine on UTC (the end of that UTC day), and a time given with an offset.
      for (const [id, title, due] of [[1, 'From the CLI', '2026-12-10T23:59:59.999Z'], [2, 'At a time', '2026-12-11T09:00:00.000Z']] as const) {
        add.run(id, title, due, TS, TS);
        version.run(id, title, due, TS);
      }
    },
    survived: () => expect(count('SELECT count(*) AS n FROM action_item_versions WHERE due_date IS NULL')).toBe(2),
    works: () => {
      // The tests run with the machine's zone; a time at 09:00Z is on 11 December in every zone from UTC−9 to UTC+14.
      expect(db.prepare('SELECT id, due_date FROM action_items ORDER BY id').all()).toEqual([{ id: 1, due_date: '2026-12-10' }, { id: 2, due_date: '2026-12-11' }]);
      // Still versioned, now over the date too.
      const move = db.prepare("UPDATE action_items SET due_date = '2026-12-20', due_at = '2026-12-20T23:59:59.999Z', version = 2 WHERE id = 1");
      expect(() => move.run()).toThrow(/new version/);
      db.prepare(
        `INSERT INTO action_item_versions (item_id, version, change, title, owner, due_at, due_date, status, note, reason, changed_by, changed_at, event_seq)
         VALUES (1, 2, 'updated', 'From the CLI', 'root', '2026-12-20T23:59:59.999Z', '2026-12-19', 'open', NULL, 'moved', 'root', ?, 2)`,
      ).run(TS);
      expect(() => move.run()).toThrow(/new version/);
      expect(() => db.prepare("UPDATE action_items SET due_date = '20 Dec' WHERE id = 2").run()).toThrow(/CHECK|new version/);
      expect(db.prepare('SELECT due_date, version FROM action_items WHERE id = 1').get()).toEqual({ due_date: '2026-12-10', version: 1 });
    },
  },
  241: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
      const incident = db.prepare(
        `INSERT INTO incidents (ref, title, tags, reporter_name, category, severity, status, status_rank, detected_at, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, 'lost-device', 'SEV2', 'detected', 0, ?, ?, 'root', ?)`,
      );
      const event = (ref: string, type: string, data: Record<string, unknown>) => appendEvent(db, { actor: 'root', type, incidentRef: ref, ts: TS, data });
      // The reporter's name typed into the title and a tag, and a name typed into a note before it
      // was recorded as a person affected.
      incident.run('IR-2026-0001', 'Zelda Quillfeather lost her laptop', '["Zelda Quillfeather","hardware"]', 'Zelda Quillfeather', TS, TS, TS);
      event('IR-2026-0001', 'incident.created', { fields: { title: 'Zelda Quillfeather lost her laptop', reporterName: 'Zelda Quillfeather' } });
      event('IR-2026-0001', 'incident.note', { text: 'Hedda Brannigan at the front desk saw it taken' });
      db.prepare(`UPDATE incidents SET affected_people = '["Hedda Brannigan"]' WHERE ref = 'IR-2026-0001'`).run();
      event('IR-2026-0001', 'incident.updated', { changes: [{ field: 'affectedPeople', before: [], after: ['Hedda Brannigan'] }] });
      // Titles that begin with their reporters' names, the later name first in the alphabet.
      for (const [ref, name] of [['IR-2026-0002', 'Yusuf Zimmerlund'], ['IR-2026-0003', 'Aaron Abbotsleigh']] as const) {
        incident.run(ref, `${name} phone stolen on a train`, '[]', name, TS, TS, TS);
        event(ref, 'incident.created', { fields: { title: `${name} phone stolen on a train`, reporterName: name } });
      }
      // Before the step, both indexes answered on the names typed into free text.
      expect(db.prepare("SELECT rowid FROM events_fts WHERE events_fts MATCH 'brannigan'").pluck().all()).toEqual([2]);
      expect(db.prepare("SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH 'quillfeather'").pluck().all()).toEqual([1]);
      seededData = db.prepare('SELECT data, hash FROM events ORDER BY seq').all();
      secureDeleteBefore = db.pragma('secure_delete', { simple: true });
    },
    survived: () => {
      expect(db.prepare('SELECT data, hash FROM events ORDER BY seq').all()).toEqual(seededData);
      expect(db.prepare('SELECT ref, title FROM incidents ORDER BY id').all()).toEqual([
        { ref: 'IR-2026-0001', title: 'Zelda Quillfeather lost her laptop' },
        { ref: 'IR-2026-0002', title: 'Yusuf Zimmerlund phone stolen on a train' },
        { ref: 'IR-2026-0003', title: 'Aaron Abbotsleigh phone stolen on a train' },
      ]);
      expect(verifyChain(db)).toMatchObject({ ok: true, count: 5 });
    },
    works: () => {
      const events = (q: string) => db.prepare('SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid').pluck().all(q);
      const incidents = (q: string) => db.prepare('SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ? ORDER BY rowid').pluck().all(q);
      const byTitle = () => db.prepare("SELECT ref FROM incidents WHERE ref > 'IR-2026-0001' ORDER BY search_title COLLATE NOCASE, id").pluck().all();
      // Rebuilt masked: the note and titles are found by their other words, never by the names.
      for (const q of ['hedda', 'brannigan', 'quillfeather', 'zimmerlund', 'abbotsleigh']) expect(events(q), q).toEqual([]);
      expect(events('"front desk"')).toEqual([2]);
      for (const q of ['"quillfeather"', '"zelda"', '"abbotsleigh"', '"zimmer"']) expect(incidents(q), q).toEqual([]);
      expect(incidents('"lost her laptop"')).toEqual([1]);
      expect(incidents('"hardware"')).toEqual([1]);
      expect(db.prepare("SELECT search_title, search_tags FROM incidents WHERE ref = 'IR-2026-0001'").get()).toEqual({
        search_title: '[personal data withheld] lost her laptop', search_tags: '["[personal data withheld]","hardware"]',
      });
      // Equal as shown, so ordered by id; by the hidden names, Aaron (IR-2026-0003) would come first.
      expect(byTitle()).toEqual(['IR-2026-0002', 'IR-2026-0003']);
      // What is appended from now on is indexed masked too, including a name typed before it is recorded.
      const event = (type: string, data: Record<string, unknown>) => appendEvent(db, { actor: 'root', type, incidentRef: 'IR-2026-0001', ts: TS, data });
      event('incident.note', { text: 'Zelda Quillfeather rang again; Rufus Thornbury drove her' });
      expect(events('rang')).toEqual([6]);
      expect(events('thornbury')).toEqual([6]);
      db.prepare(`UPDATE incidents SET affected_people = '["Hedda Brannigan","Rufus Thornbury"]', title = 'Rufus Thornbury lost a laptop' WHERE ref = 'IR-2026-0001'`).run();
      event('incident.updated', { changes: [{ field: 'affectedPeople', before: ['Hedda Brannigan'], after: ['Hedda Brannigan', 'Rufus Thornbury'] }, { field: 'title', before: 'Zelda Quillfeather lost her laptop', after: 'Rufus Thornbury lost a laptop' }] });
      for (const q of ['thornbury', 'rufus', 'quillfeather']) expect(events(q), q).toEqual([]);
      expect(events('rang')).toEqual([6]);
      expect(incidents('"thornbury"')).toEqual([]);
      expect(incidents('"lost a laptop"')).toEqual([1]);
      // The old title's words went with it: the delete gave exactly the text the row was indexed with.
      expect(incidents('"her"')).toEqual([]);
      for (const [name, index] of [['events_fts', 'row'], ['incidents_fts', 'row']] as const) {
        db.exec(`CREATE VIRTUAL TABLE temp.terms241_${name} USING fts5vocab(main, '${name}', '${index}')`);
        const terms = db.prepare(`SELECT term FROM temp.terms241_${name}`).pluck().all() as string[];
        expect(terms.filter((t) => /quill|uil|llf|hedd|edd|brann|nni|zimm|imm|abbo|bbo|tsl|rufu|ufu|thorn|bury/.test(t)), name).toEqual([]);
      }
      // An incident inserted by other SQL, without the search columns, is indexed as written.
      insertIncident('IR-2026-0004', 'Pump room flooded', null);
      expect(incidents('"pump room"')).toEqual([4]);
      expect(db.prepare("SELECT search_title FROM incidents WHERE ref = 'IR-2026-0004'").pluck().get()).toBe('Pump room flooded');
      // Both indexes are structurally sound after the deletes and rewrites.
      db.exec("INSERT INTO events_fts(events_fts) VALUES ('integrity-check'); INSERT INTO incidents_fts(incidents_fts) VALUES ('integrity-check')");
      // Contentless with FTS5's secure-delete: a rewritten row's words leave the pages, not only the matches.
      for (const name of ['events_fts', 'incidents_fts']) {
        expect((db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql, name).toMatch(/content=''/);
        expect(db.prepare(`SELECT v FROM ${name}_config WHERE k = 'secure-delete'`).pluck().get(), name).toBe(1);
      }
      // The scrubbed text of the events it rewrote (the titles in declarations and changes, the notes): no names.
      const kept = db.prepare('SELECT seq, body FROM events_search_body ORDER BY seq').all() as { seq: number; body: string }[];
      expect(kept.map((r) => r.seq)).toEqual([1, 2, 4, 5, 6, 7]);
      expect(kept.find((r) => r.seq === 6)!.body).toBe('{"text":"[personal data withheld] rang again; [personal data withheld] drove her"}');
      expect(kept.filter((r) => /zelda|quill|hedda|brann|yusuf|zimm|aaron|abbot|rufus|thorn/i.test(r.body))).toEqual([]);
      expect(db.pragma('secure_delete', { simple: true })).toBe(secureDeleteBefore);
      expect(verifyChain(db)).toMatchObject({ ok: true, count: 7 });
    },
  },
  320: {
    seed: () => {
      db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
    },
    survived: () => {
      // A vault from before: its personal-data key is there, no recovery holder yet (only a recovery derives it).
      expect(count('SELECT count(*) AS n FROM pii_keys')).toBe(1);
      expect(count('SELECT count(*) AS n FROM pii_recovery')).toBe(0);
    },
    works: () => {
      db.prepare("INSERT INTO pii_recovery (id, public_key, registered_at, registered_by) VALUES (1, 'pub', ?, 'root')").run(TS);
      expect(() => db.prepare("INSERT INTO pii_recovery (id, public_key, registered_at, registered_by) VALUES (2, 'other', ?, 'root')").run(TS)).toThrow(/CHECK/);
      db.prepare("INSERT INTO pii_recovery_grants (epoch, sealed, granted_by, granted_at) VALUES (1, '{}', 'root', ?)").run(TS);
      expect(() => db.prepare("INSERT INTO pii_recovery_grants (epoch, sealed, granted_by, granted_at) VALUES (1, '{}', 'root', ?)").run(TS)).toThrow(/UNIQUE|PRIMARY/);
    },
  },
  290: {
    seed: () => {
      appendEvent(db, { actor: 'kim', type: 'auth.login_failed', ts: TS, data: { user: 'kim', reason: 'passphrase' } });
    },
    survived: () => expect(count("SELECT count(*) AS n FROM events WHERE type = 'auth.login_failed'")).toBe(1),
    works: () => {
      // The rules' window counts use the new partial indexes (named, so a missing one fails here).
      expect(count("SELECT count(*) AS n FROM events INDEXED BY events_failed_signins_by_actor WHERE type = 'auth.login_failed' AND actor = 'kim' AND ts > ?", '2026-03-14T08:00:00.000Z')).toBe(1);
      expect(count("SELECT count(*) AS n FROM events INDEXED BY events_personal_data_access WHERE type IN ('incident.pii_viewed', 'evidence.viewed', 'evidence.exported') AND actor = 'kim'")).toBe(0);
      db.prepare("INSERT INTO alerts (rule, subject, raised_seq, raised_at, window_start, window_end, window_minutes, threshold, count, last_seq, detail) VALUES ('key-export', 'root', 2, ?, ?, ?, 60, 1, 1, 1, '{}')").run(TS, TS, TS);
      expect(() => db.prepare("UPDATE alerts SET ack_seq = 3 WHERE id = 1").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE alerts SET count = 0 WHERE id = 1").run()).toThrow(/CHECK/);
      db.prepare("UPDATE alerts SET ack_seq = 3, ack_by = 'root', ack_at = ?, ack_note = 'expected' WHERE id = 1").run(TS);
      expect(count('SELECT count(*) AS n FROM alerts INDEXED BY alerts_open_by_id WHERE ack_seq IS NULL')).toBe(0);
    },
  },
};

const PERSONAL_VALUES = ['Ottilie Brennagh', 'o.brennagh@quillmail.test', 'ob.second@quillmail.test', 'Ingrid Ostrova'];
let oldHashes: string[] = [];
let oldHead: { seq: number; hash: string } | null = null;
/** An incident with personal data, in the table and in the log, as written before step 300. */
function seedPersonalData(): void {
  db.prepare(
    `INSERT INTO incidents (ref, title, category, severity, status, status_rank, detected_at, created_at, created_by, updated_at, reporter_name, reporter_email, affected_people)
     VALUES ('IR-2026-0001', 'Lost laptop', 'lost-device', 'SEV2', 'detected', 0, ?, ?, 'root', ?, 'Ottilie Brennagh', 'ob.second@quillmail.test', '["Ingrid Ostrova"]')`,
  ).run(TS, TS, TS);
  const ref = 'IR-2026-0001';
  const fields = { title: 'Lost laptop', reporterName: 'Ottilie Brennagh', reporterEmail: 'o.brennagh@quillmail.test', reporterPhone: null, affectedPeople: ['Ingrid Ostrova'] };
  oldHashes = [
    appendEvent(db, { actor: 'root', type: 'auth.login', ts: TS, data: { user: 'root' } }).hash,
    appendEvent(db, { actor: 'root', type: 'incident.created', incidentRef: ref, ts: TS, data: { fields } }).hash,
    appendEvent(db, { actor: 'root', type: 'incident.note', incidentRef: ref, ts: TS, data: { text: 'called the reporter' } }).hash,
    appendEvent(db, { actor: 'root', type: 'incident.updated', incidentRef: ref, ts: TS, data: { changes: [{ field: 'reporterEmail', before: 'o.brennagh@quillmail.test', after: 'ob.second@quillmail.test' }] } }).hash,
  ];
  appendEvent(db, { actor: 'root', type: 'incident.note', incidentRef: ref, ts: TS, data: { text: 'done' } });
  oldHead = verifyChain(db).head;
}
let seededData: unknown;
let secureDeleteBefore: unknown;

const ANSWERS = ['Hedwig Marrowby', 'Casimir Dunwoody'] as const;
/** A run of a runbook with one personal input ("who") and one plain one ("count"), both answered, as written before step 310. */
function seedRun(id: string, ref: string, who: string): void {
  const definition = { format: 1, id: 'rb', title: 'Rb', version: '1.0.0', steps: [
    { id: 'who', kind: 'input', name: 'who', type: 'text', personal: true, title: 'Who clicked?', phase: { csf: 'Respond', picerl: 'Identification' } },
    { id: 'count', kind: 'input', name: 'count', type: 'number', title: 'How many?', phase: { csf: 'Respond', picerl: 'Identification' } },
  ] };
  db.prepare(`INSERT INTO runbook_runs (id, incident_ref, runbook_id, version, content_hash, source, file_text, definition, started_at, started_by)
    VALUES (?, ?, 'rb', '1.0.0', 'h', 'custom', 'x', ?, ?, 'root')`).run(id, ref, JSON.stringify(definition), TS);
  const transition = (n: number, data: Record<string, unknown>, event: Record<string, unknown>) => {
    const e = appendEvent(db, { actor: 'root', type: n === 0 ? 'runbook.started' : 'runbook.step_done', incidentRef: ref, ts: TS, data: { run: id, runbook: 'rb', n, ...event } });
    db.prepare('INSERT INTO runbook_transitions (run_id, n, event_seq, data) VALUES (?, ?, ?, ?)').run(id, n, e.seq, JSON.stringify({ ...data, n, at: TS, by: 'root' }));
  };
  transition(0, { t: 'start' }, {});
  transition(1, { t: 'done', step: 'who', pass: 1, value: who }, { title: 'Who clicked?', step: 'who', pass: 1, value: who, personal: true });
  transition(2, { t: 'done', step: 'count', pass: 1, value: 3 }, { title: 'How many?', step: 'count', pass: 1, value: 3 });
}

/** Every row of every table, as text. */
function everyRowText(): string {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
    .map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).raw().all(), (_k, x: unknown) => (Buffer.isBuffer(x) ? x.toString('latin1') : x))).join('\n');
}

describe.each(MIGRATIONS.map((m, i) => [m.version, m.name, MIGRATIONS[i - 1]?.version ?? 0] as const))(
  'migration %i (%s)',
  (ver, _name, prev) => {
    it(`from ${prev}: data written before survives, and the new schema works`, () => {
      const step = STEPS[ver];
      expect(step, `write a test for migration ${ver} in STEPS`).toBeDefined();
      expect(migrate(db, MIGRATIONS, prev)).toBe(prev);
      expect(version()).toBe(prev);
      step!.seed();
      expect(migrate(db, MIGRATIONS, ver)).toBe(ver);
      expect(version()).toBe(ver);
      step!.survived();
      step!.works();
    });
  },
);

describe('migration 300 at scale', () => {
  it('pages through 1,200 incidents and 2,400 events (beyond its pages of 500 and 1,000) and leaves the chain verifying', () => {
    migrate(db, MIGRATIONS, 271);
    const insert = db.prepare(
      `INSERT INTO incidents (ref, title, category, severity, status, status_rank, detected_at, created_at, created_by, updated_at, reporter_name)
       VALUES (?, 'Lost laptop', 'lost-device', 'SEV2', 'detected', 0, ?, ?, 'root', ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 1; i <= 1200; i++) {
        const ref = `IR-2026-${String(i).padStart(4, '0')}`;
        insert.run(ref, TS, TS, TS, `Person Number${i}x`);
        appendEvent(db, { actor: 'root', type: 'incident.created', incidentRef: ref, ts: TS, data: { fields: { title: 'Lost laptop', reporterName: `Person Number${i}x` } } });
        appendEvent(db, { actor: 'root', type: 'incident.note', incidentRef: ref, ts: TS, data: { text: 'checked' } });
      }
    })();
    migrate(db, MIGRATIONS, 300);
    expect(count("SELECT count(*) AS n FROM incidents WHERE reporter_name LIKE '{\"enc\":\"pii-v1\"%'")).toBe(1200);
    expect(count("SELECT count(*) AS n FROM events WHERE data LIKE '%Number%'")).toBe(0);
    expect(count('SELECT count(*) AS n FROM events WHERE v1_hash IS NOT NULL')).toBe(2400);
    expect(verifyChain(db)).toMatchObject({ ok: true, count: 2401 });
  });
});

describe('migration 300 on a log that does not verify', () => {
  it('seals the incidents table but leaves the log as it was, so the break is not laundered, and says so', () => {
    migrate(db, MIGRATIONS, 271);
    seedPersonalData();
    db.exec(`DROP TRIGGER events_no_update; UPDATE events SET data = '{"text":"edited"}' WHERE seq = 3;
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;`);
    expect(verifyChain(db)).toMatchObject({ ok: false, firstBadSeq: 3 });
    migrate(db, MIGRATIONS, 300);
    expect(verifyChain(db)).toMatchObject({ ok: false, firstBadSeq: 3 });
    expect(count("SELECT count(*) AS n FROM events WHERE v1_hash IS NOT NULL")).toBe(0);
    const note = db.prepare("SELECT data FROM events WHERE type = 'log.reanchored'").get() as { data: string };
    const data = JSON.parse(note.data) as { v2Head: unknown; notReanchored: string };
    expect(data.v2Head).toBeNull();
    expect(data.notReanchored).toMatch(/did not verify at event 3/);
    expect((db.prepare('SELECT reporter_name AS r FROM incidents').get() as { r: string }).r).toMatch(/^\{"enc":"pii-v1"/);
  });
});

describe('migration 310 at scale', () => {
  it('pages through 250 runs (beyond its page of 100), a run of 600 answers (beyond its page of 500) and 1,150 events (beyond 1,000), and leaves the chain verifying', () => {
    migrate(db, MIGRATIONS, 301);
    db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
    db.transaction(() => {
      for (let i = 1; i <= 250; i++) {
        const ref = `IR-2026-${String(i).padStart(4, '0')}`;
        insertIncident(ref, 'Phish', 'root');
        seedRun(`r${String(i).padStart(4, '0')}`, ref, `Person Number${i}x`);
      }
      for (let i = 0; i < 400; i++) appendEvent(db, { actor: 'root', type: 'auth.login', ts: TS, data: { user: 'root' } });
      // One long run: the personal step answered again and again (a loop), rows only (its events would
      // make the seeding quadratic: each personal event re-masks its incident's search text).
      const insert = db.prepare('INSERT INTO runbook_transitions (run_id, n, event_seq, data) VALUES (?, ?, 1, ?)');
      for (let n = 3; n < 603; n++) insert.run('r0001', n, JSON.stringify({ t: 'done', step: 'who', pass: n, value: `Looped Answer${n}x`, n, at: TS, by: 'root' }));
    })();
    migrate(db, MIGRATIONS, 310);
    expect(count("SELECT count(*) AS n FROM runbook_transitions WHERE data LIKE '%Number%' OR data LIKE '%Answer%'")).toBe(0);
    expect(count("SELECT count(*) AS n FROM events WHERE data LIKE '%Number%'")).toBe(0);
    expect(count("SELECT count(*) AS n FROM runbook_transitions WHERE json_extract(data, '$.value.enc') = 'pii-v1'")).toBe(850);
    expect(count("SELECT count(*) AS n FROM data_subjects WHERE part = 'runbook-answers'")).toBe(250);
    expect(verifyChain(db)).toMatchObject({ ok: true, count: 1151 });
  });
});

describe('migration 310 after 300', () => {
  it('seals answers in the rows and the log, re-anchors the chain again, and anchors from before either step still verify', () => {
    migrate(db, MIGRATIONS, 271);
    seedPersonalData();
    seedRun('r1', 'IR-2026-0001', ANSWERS[0]);
    const preHead = verifyChain(db).head!;
    migrate(db, MIGRATIONS, 301);
    // Migration 300 re-anchored from the incident's declaration on; the answers are still plain.
    const midHead = verifyChain(db).head!;
    expect(everyRowText()).toContain(ANSWERS[0]);
    const answerSeq = db.prepare("SELECT seq FROM events WHERE type = 'runbook.step_done' AND json_extract(data, '$.step') = 'who'").pluck().get() as number;
    const answerMid = db.prepare('SELECT hash, v1_hash FROM events WHERE seq = ?').get(answerSeq) as { hash: string; v1_hash: string };
    expect(answerMid.v1_hash).not.toBeNull();

    migrate(db, MIGRATIONS, 310);
    expect(everyRowText()).not.toContain(ANSWERS[0]);
    const row = JSON.parse(db.prepare("SELECT data FROM runbook_transitions WHERE run_id = 'r1' AND n = 1").pluck().get() as string) as { value: unknown };
    const event = db.prepare('SELECT data, hash, v1_hash FROM events WHERE seq = ?').get(answerSeq) as { data: string; hash: string; v1_hash: string };
    // The same envelope in the row and the event; the new hash covers the one from migration 300, whose own v1 hash is kept.
    expect(isEnvelope(row.value)).toBe(true);
    expect((JSON.parse(event.data) as { value: unknown }).value).toEqual(row.value);
    expect(event.v1_hash).toBe(answerMid.hash);
    expect(db.prepare('SELECT hash FROM event_prior_hashes WHERE seq = ?').pluck().all(answerSeq)).toEqual([answerMid.v1_hash]);
    // The incident's own subject (from 300) and the answers' subject.
    expect(db.prepare("SELECT part FROM data_subjects WHERE incident_ref = 'IR-2026-0001' ORDER BY part").pluck().all()).toEqual(['incident', 'runbook-answers']);
    const note = JSON.parse(db.prepare("SELECT data FROM events WHERE type = 'log.reanchored' ORDER BY seq DESC LIMIT 1").pluck().get() as string) as Record<string, unknown>;
    expect(note).toMatchObject({ step: 310, v1Head: midHead, runbookAnswers: 1, events: 1 });
    expect(verifyChain(db)).toMatchObject({ ok: true });
    for (const anchor of [preHead, midHead, oldHead!, { seq: answerSeq, hash: answerMid.hash }, { seq: answerSeq, hash: answerMid.v1_hash }]) {
      expect(verifyChain(db, anchor), `${anchor.seq}:${anchor.hash}`).toMatchObject({ ok: true });
      const script = spawnSync(process.execPath, ['scripts/verify-log.mjs', join(dir, 'firebreak.db'), keyHex, '--anchor', `${anchor.seq}:${anchor.hash}`], { encoding: 'utf8', timeout: 20_000 });
      expect(script.status, script.stderr + script.stdout).toBe(0);
    }
    expect(verifyChain(db, { seq: answerSeq, hash: 'e'.repeat(64) })).toMatchObject({ ok: false });

    // A pii:read user's key opens the answer, in the log too (today's sign-in code on today's schema).
    migrate(db);
    db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
    expect(settlePiiAccess(db, 'root', 'admin', randomBytes(32), TS)).toMatchObject({ holds: true, claimed: true });
    expect(openEventData(db, JSON.parse(event.data) as Record<string, unknown>)).toMatchObject({ value: ANSWERS[0], personal: true });

    // And the plain answer leaves the file's free pages after the VACUUM the step asked for.
    expect(vacuumIfPending(db)).toBe('done');
    checkpointWal(db);
    const pages = decryptedPages(join(dir, 'firebreak.db'), keyHex);
    expect(pages.db.includes(ANSWERS[0]) || pages.wal.includes(ANSWERS[0])).toBe(false);
  });

  it('on a log that does not verify, seals the rows but leaves the log as it was and says so', () => {
    migrate(db, MIGRATIONS, 301);
    db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
    insertIncident('IR-2026-0001', 'Phish', 'root');
    seedRun('r1', 'IR-2026-0001', ANSWERS[0]);
    db.exec(`DROP TRIGGER events_no_update; UPDATE events SET data = '{"run":"r1","edited":true}' WHERE seq = 1;
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;`);
    const before = db.prepare('SELECT seq, data, hash FROM events ORDER BY seq').all();
    migrate(db, MIGRATIONS, 310);
    expect(verifyChain(db)).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(db.prepare('SELECT seq, data, hash FROM events WHERE seq <= 3 ORDER BY seq').all()).toEqual(before);
    const note = JSON.parse(db.prepare("SELECT data FROM events WHERE type = 'log.reanchored'").pluck().get() as string) as Record<string, unknown>;
    expect(note).toMatchObject({ v2Head: null, runbookAnswers: 1, events: 0, notReanchored: expect.stringMatching(/did not verify at event 1/) as unknown });
    expect(db.prepare("SELECT json_extract(data, '$.value.enc') FROM runbook_transitions WHERE run_id = 'r1' AND n = 1").pluck().get()).toBe('pii-v1');
    expect(count('SELECT count(*) AS n FROM event_prior_hashes')).toBe(0);
  });
});

describe('migrate', () => {
  it('brings a new database to the latest version in one go, and is idempotent', () => {
    const latest = MIGRATIONS.at(-1)!.version;
    expect(migrate(db)).toBe(latest);
    const schema = tables();
    expect(migrate(db)).toBe(latest);
    expect(tables()).toEqual(schema);
    expect(schema).toEqual(expect.arrayContaining(['users', 'events', 'chain_head', 'incidents', 'events_fts', 'evidence', 'events_no_update']));
  });

  it('rolls a failing step back entirely: the version and schema stay as they were', () => {
    const broken: Migration = {
      version: 25,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('disk on fire');
      },
    };
    migrate(db, MIGRATIONS, 10);
    db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', ?)").run(TS);
    const list = [MIGRATIONS[0]!, MIGRATIONS[1]!, broken];
    expect(() => migrate(db, list)).toThrow('disk on fire');
    expect(version()).toBe(10);
    // 0020 ran before the failure inside the same transaction: it is gone too.
    expect(tables()).not.toContain('events');
    expect(tables()).not.toContain('half_done');
    expect(count('SELECT count(*) AS n FROM users')).toBe(1);
  });

  it('rejects a list that is out of order or repeats a version', () => {
    const [a, b] = [MIGRATIONS[0]!, MIGRATIONS[1]!];
    expect(() => migrate(db, [b, a])).toThrow(/out of order/);
    expect(() => migrate(db, [a, { ...b, version: a.version }])).toThrow(/out of order/);
    expect(() => migrate(db, [{ ...a, version: 0 }])).toThrow(/out of order/);
    expect(version()).toBe(0);
    expect(tables()).toEqual([]);
  });

  it('refuses a database from the future with STORAGE and leaves it alone', () => {
    const latest = MIGRATIONS.at(-1)!.version;
    migrate(db);
    db.pragma(`user_version = ${latest + 1}`);
    let thrown: unknown;
    try {
      migrate(db);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ApiFailure);
    expect(thrown).toMatchObject({ code: 'STORAGE', message: expect.stringMatching(/newer Firebreak/) as unknown });
    expect(version()).toBe(latest + 1);
  });

  it('versions strictly increase and every one has a step test above', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect([...versions].sort((x, y) => x - y)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    expect(Object.keys(STEPS).map(Number)).toEqual(versions);
  });
});
