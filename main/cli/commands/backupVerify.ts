import { EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import { formatCheckOk, formatCheckProblems } from '../formatBackup';
import type { CommandSpec } from '../types';

const LEVELS = ['quick', 'full'] as const;
type Level = (typeof LEVELS)[number];

export const backupVerify: CommandSpec = {
  words: ['backup', 'verify'],
  positionals: ['ID'],
  summary: 'check that a backup is intact (quick: manifests and archive sizes; full: every byte)',
  session: 'login',
  options: {
    level: { type: 'string', value: 'quick|full', description: 'quick (the default) or full' },
  },
  check: (values) => {
    const level = values.level;
    if (level !== undefined && !LEVELS.includes(level as Level)) throw usageError(`--level takes quick or full, not "${String(level)}"`);
  },
  details: [
    'quick: the manifests of the backup and of every archive it needs decrypt, and each archive has',
    'the size its manifest recorded. full: also decrypts every needed archive, authenticating every',
    'chunk, and re-hashes every file against the manifest, naming each one that differs.',
    '',
    'Exit 0 when intact; exit 4 (integrity failure) listing every problem on stderr when not.',
    'The result is recorded as a check of its own (a drill before it stays on record and shown: see',
    '`backup show ID`). --json prints the check on stdout either way.',
  ].join('\n'),
  examples: ['firebreak backup verify nightly-20261122T023000Z-4f09c1', 'firebreak backup verify nightly-20261122T023000Z-4f09c1 --level full'],
  run: async (ctx) => {
    const [id] = ctx.args as [string];
    const level = (ctx.values.level as Level | undefined) ?? 'quick';
    const check = await ctx.call('backups.verify', { id, level });
    if (ctx.json) ctx.print(toJson(check));
    if (!check.ok) {
      ctx.note(`firebreak: ${formatCheckProblems(check)}`);
      return EXIT.integrity;
    }
    if (!ctx.json) ctx.print(formatCheckOk(check));
    return EXIT.ok;
  },
};
