import { resolve } from 'node:path';
import { EXIT } from '../CliError';
import { toJson } from '../format';
import { formatRestore } from '../formatBackup';
import type { CommandSpec } from '../types';

export const backupRestore: CommandSpec = {
  words: ['backup', 'restore'],
  positionals: ['ID'],
  summary: 'restore a backup, or part of it, into a directory',
  session: 'login',
  options: {
    to: { type: 'string', value: 'DIR', required: true, description: 'restore into DIR (a relative path is taken from the current directory)' },
    path: { type: 'string', value: 'P', description: 'only this file or folder of the backup (as the archive names it: share/reports/q3.xlsx)' },
    incident: { type: 'string', value: 'REF', description: 'the incident this restore recovers from: its timeline and report list the restore' },
    overwrite: { type: 'boolean', description: 'replace files that already exist in DIR (without it, an existing file is refused)' },
  },
  details: [
    'Each source is a top-level folder of the backup (its base name: /srv/share is share/), the',
    'database snapshot is firebreak-data/. Every file is checked against its SHA-256 in the manifest',
    'as it is written; an incremental backup pulls unchanged files from the earlier archives it needs.',
    'Archives that try to write outside DIR (absolute paths, .., links) are refused.',
    '',
    'Prints how many entries (files, folders, links) and bytes were restored. --json: the report, with',
    'those counts and the first 100 paths restored (firstPaths); the full list is the backup\'s manifest',
    'under --path, all of which is restored or the restore fails. The restore is recorded in the log.',
    '',
    'Restoring Firebreak\'s database out of a backup (firebreak-data/, or any firebreak.db or',
    'vault.json in a source) needs backup:restore-database (administrators): it opens with any',
    'user\'s key slot. Without it, restore other paths with --path (a whole restore is refused, exit 3).',
  ].join('\n'),
  examples: [
    'firebreak backup restore nightly-20261122T023000Z-4f09c1 --to /srv/restore',
    'firebreak backup restore nightly-20261122T023000Z-4f09c1 --to . --path share/reports/q3.xlsx',
  ],
  run: async (ctx) => {
    const [id] = ctx.args as [string];
    const to = resolve(ctx.values.to as string);
    const path = ctx.values.path as string | undefined;
    const report = await ctx.call('backups.restore', {
      id, to, overwrite: ctx.values.overwrite === true, ...(path !== undefined ? { path } : {}),
      ...(typeof ctx.values.incident === 'string' ? { incidentRef: ctx.values.incident } : {}),
    });
    ctx.print(ctx.json ? toJson(report) : formatRestore(report));
    return EXIT.ok;
  },
};
