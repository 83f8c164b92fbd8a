#!/usr/bin/env node
// An auditor's verifier for a Firebreak event log, written from docs/log-format.md alone.
//
// It deliberately shares no code with Firebreak: only the SQLCipher driver and SHA-256, so a
// bug in Firebreak's own hashing cannot hide itself by being repeated here.
//
//   node scripts/verify-log.mjs <firebreak.db> <key-hex | -> [--anchor <seq>:<hash>]
//
// The key is the 64-hex-digit data key from `firebreak vault export-key`; `-` reads it from
// standard input (keeps it out of the process list). `--anchor` is a chain head recorded
// outside the database (a backup manifest, an exported report): the log must still contain
// that event with that hash.
//
// Exit codes: 0 the chain is intact; 4 it is not (the first bad sequence number is printed);
// 2 wrong usage; 1 the database cannot be opened or read.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';

const GENESIS = '0'.repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;

/** docs/log-format.md § Canonical JSON. */
function canonical(value) {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('not a finite number');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
      // Default sort: by UTF-16 code units, which is what the format specifies.
      const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`no canonical form for ${typeof value}`);
  }
}

/** docs/log-format.md § Hash (an event re-anchored by migration 300 also covers its v1_hash). */
function eventHash(prevHash, row) {
  const body = canonical({
    seq: row.seq,
    ts: row.ts,
    actor: row.actor,
    type: row.type,
    incidentRef: row.incident_ref,
    data: JSON.parse(row.data),
  });
  const h = createHash('sha256').update(prevHash, 'ascii').update(body, 'utf8');
  if (row.v1_hash) h.update(row.v1_hash, 'ascii');
  return h.digest('hex');
}

/** Whether the log keeps older hashes of events re-anchored twice (migration 310 and later). */
const hasPriorHashes = (db) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_prior_hashes'").get() !== undefined;

/** Whether the log has the v1_hash column (migration 300 and later). */
const hasV1 = (db) => db.prepare("SELECT 1 FROM pragma_table_info('events') WHERE name = 'v1_hash'").get() !== undefined;

function usage(message) {
  process.stderr.write(`verify-log: ${message}\nusage: node scripts/verify-log.mjs <firebreak.db> <key-hex | -> [--anchor <seq>:<hash>]\n`);
  process.exit(2);
}

async function readStdin() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

function parseArgs(argv) {
  const positional = [];
  let anchor = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--anchor') {
      const m = /^(\d+):([0-9a-f]{64})$/.exec(argv[i + 1] ?? '');
      if (!m) usage('--anchor needs <seq>:<64 lower-case hex digits>');
      anchor = { seq: Number(m[1]), hash: m[2] };
      i += 1;
    } else if (arg === '-h' || arg === '--help') {
      usage('verifies the hash chain of a Firebreak event log');
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 2) usage('expected a database path and a key');
  return { file: positional[0], keyArg: positional[1], anchor };
}

/**
 * The checks of docs/log-format.md § Verification, in its order. Returns null when intact,
 * else the first bad sequence number and why.
 */
function verify(db, anchor) {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let count = 0;
  let last = null;
  const bad = (seq, problem) => ({ bad: { seq, problem }, count, last });

  const v1 = hasV1(db) ? ', v1_hash' : '';
  const rows = db.prepare(`SELECT seq, ts, actor, type, incident_ref, data, prev_hash, hash${v1} FROM events ORDER BY seq`);
  for (const row of rows.iterate()) {
    if (row.seq !== expectedSeq) {
      return row.seq > expectedSeq
        ? bad(expectedSeq, `event ${expectedSeq} is missing (next present is ${row.seq})`)
        : bad(expectedSeq, `event ${row.seq} is out of order`);
    }
    if (row.prev_hash !== prevHash) return bad(row.seq, `prev_hash does not link to event ${row.seq - 1}`);
    let recomputed;
    try {
      recomputed = eventHash(prevHash, row);
    } catch {
      return bad(row.seq, 'data is not valid JSON');
    }
    if (recomputed !== row.hash) return bad(row.seq, `hash differs (stored ${row.hash}, recomputed ${recomputed})`);
    count += 1;
    prevHash = row.hash;
    last = { seq: row.seq, hash: row.hash };
    expectedSeq += 1;
  }

  const lastSeq = last ? last.seq : 0;
  const head = db.prepare('SELECT seq, hash FROM chain_head WHERE id = 1').get();
  if (head) {
    if (head.seq > lastSeq) return bad(lastSeq + 1, `the log ends at ${lastSeq} but chain_head says ${head.seq}: events were cut off`);
    if (head.seq < lastSeq) return bad(head.seq + 1, `events after the recorded head ${head.seq} were added`);
    if (last && head.hash !== last.hash) return bad(lastSeq, 'chain_head.hash differs from the last event');
  } else if (lastSeq > 0) {
    return bad(1, 'the log has events but no chain_head row');
  }
  if (anchor) {
    if (anchor.seq > lastSeq) return bad(lastSeq + 1, `the log ends at ${lastSeq} but the anchor says ${anchor.seq}: events were cut off`);
    // An anchor from before migration 300 names the event's v1 hash, which its current hash covers;
    // one from before migration 310, for an event re-anchored twice, an older hash kept beside it.
    const row = db.prepare(`SELECT hash${v1} FROM events WHERE seq = ?`).get(anchor.seq);
    const prior = () => hasPriorHashes(db) && db.prepare('SELECT 1 FROM event_prior_hashes WHERE seq = ? AND hash = ?').get(anchor.seq, anchor.hash) !== undefined;
    if (anchor.seq > 0 && row?.hash !== anchor.hash && row?.v1_hash !== anchor.hash && !prior()) return bad(anchor.seq, 'differs from the anchored head');
  }
  return { bad: null, count, last };
}

const { file, keyArg, anchor } = parseArgs(process.argv.slice(2));
const keyHex = (keyArg === '-' ? await readStdin() : keyArg).trim().toLowerCase();
if (!HEX64.test(keyHex)) usage('the key must be 64 hex digits (firebreak vault export-key)');

let db;
try {
  db = new Database(file, { readonly: true, fileMustExist: true });
  // SQLCipher 4 defaults, raw key: docs/log-format.md § Opening the database.
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex}'"`);
  db.prepare('SELECT count(*) FROM sqlite_master').get();
} catch (err) {
  process.stderr.write(`verify-log: cannot open ${file}: ${err.message} (wrong key, or not a Firebreak database?)\n`);
  process.exit(1);
}

let result;
try {
  result = verify(db, anchor);
} catch (err) {
  process.stderr.write(`verify-log: cannot read the log: ${err.message}\n`);
  process.exit(1);
} finally {
  db.close();
}

if (result.bad) {
  process.stdout.write(`BAD seq=${result.bad.seq} ${result.bad.problem}\n`);
  process.exit(4);
}
const head = result.last ? `${result.last.seq}:${result.last.hash}` : '0:(empty log)';
process.stdout.write(`OK count=${result.count} head=${head}\n`);
process.exit(0);
