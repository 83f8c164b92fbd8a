import { resolve } from 'node:path';
import type { MethodInput, Retention } from '../../../contract';
import { EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import { formatPlan } from '../formatBackup';
import type { CommandSpec, OptionValues } from '../types';

/** Whole-number options and the plan field each one sets. */
const RETENTION = {
  'keep-last': 'keepLast',
  'keep-daily': 'keepDaily',
  'keep-weekly': 'keepWeekly',
  'keep-monthly': 'keepMonthly',
  'keep-yearly': 'keepYearly',
} as const satisfies Record<string, keyof Retention>;
const NUMBERS = ['keep-last', 'keep-daily', 'keep-weekly', 'keep-monthly', 'keep-yearly', 'rto', 'rpo', 'full-every'] as const;

export const backupPlanAdd: CommandSpec = {
  words: ['backup', 'plan', 'add'],
  positionals: ['NAME'],
  summary: 'add a backup plan: what to back up, where to, when, and how long to keep it',
  session: 'login',
  options: {
    source: { type: 'string', value: 'DIR', multiple: true, required: true, description: 'a file or directory to back up (each becomes a top-level folder of the archive)' },
    target: { type: 'string', value: 'DIR', required: true, description: 'where backups go (in DIR/NAME/): a local disk or a mounted share, outside every source' },
    exclude: { type: 'string', value: 'GLOB', multiple: true, description: 'leave out paths inside a source matching GLOB: *.tmp (a name, at any depth), cache/** (from the source\'s root)' },
    schedule: { type: 'string', value: 'CRON', description: 'run the plan on this cron schedule ("30 2 * * *": 02:30 every day); default: on demand only' },
    'verify-schedule': { type: 'string', value: 'CRON', description: 'verify the newest backup (and every backup it needs) on this cron schedule ("0 6 * * 0": Sundays 06:00)' },
    'verify-level': { type: 'string', value: 'quick|full', description: 'what the scheduled verification checks: quick (manifests, archive sizes) or full (decrypt and re-hash everything; default)' },
    'keep-last': { type: 'string', value: 'N', description: 'retention: keep the last N backups' },
    'keep-daily': { type: 'string', value: 'N', description: 'retention: keep the last backup of each of the last N days' },
    'keep-weekly': { type: 'string', value: 'N', description: 'retention: keep the last backup of each of the last N weeks' },
    'keep-monthly': { type: 'string', value: 'N', description: 'retention: keep the last backup of each of the last N months' },
    'keep-yearly': { type: 'string', value: 'N', description: 'retention: keep the last backup of each of the last N years' },
    rto: { type: 'string', value: 'MINUTES', description: 'recovery time objective: the longest a restore may take (checked by drills)' },
    rpo: { type: 'string', value: 'MINUTES', description: 'recovery point objective: the most data, in time, a restore may lose (checked by drills)' },
    recipient: { type: 'string', value: 'AGE1…', multiple: true, description: "also encrypt to this age recipient (an offline key), besides the vault's backup identity" },
    'full-every': { type: 'string', value: 'N', description: 'every Nth run is a full backup, the others store only what changed (default 7; 1: always full)' },
    'no-database': { type: 'boolean', description: "leave out Firebreak's own database (by default an encrypted snapshot and vault.json are included)" },
  },
  check: (values) => {
    for (const option of NUMBERS) wholeNumber(values, option);
    const level = values['verify-level'];
    if (level !== undefined && level !== 'quick' && level !== 'full') throw usageError(`--verify-level must be quick or full, not ${JSON.stringify(level)}`);
    if (level !== undefined && values['verify-schedule'] === undefined) throw usageError('--verify-level needs --verify-schedule (when to verify)');
  },
  details: [
    'NAME: lower-case words joined by hyphens (nightly, file-server). Relative --source and --target',
    'paths are taken from the current directory. Sources must exist; the target must not be inside a',
    'source, nor (with the database) inside the data directory. The --keep-* options say which',
    'backups pruning keeps; without them every backup is kept. Backups are encrypted to the vault\'s',
    'backup identity (see backup export-identity) and to every --recipient. Who may read the backups',
    'is an administrator\'s decision: the database (the default) or a source in or around the data',
    'directory needs backup:include-database, and --recipient needs backup:recipients; a backup',
    'operator adds plans with --no-database and no --recipient (refused otherwise, exit 3, logged).',
    'Schedules run in the app',
    'while someone allowed to run backups is signed in, or in `firebreak daemon`; a scheduled',
    'verification that finds damage is raised there and makes `daemon status` exit 4.',
    '',
    'Prints the plan (--json: the plan as stored).',
  ].join('\n'),
  examples: [
    'firebreak backup plan add nightly --source /srv/share --source /etc --target /mnt/backup --exclude "*.tmp" \\\n' +
      '    --schedule "30 2 * * *" --verify-schedule "0 6 * * 0" --keep-daily 14 --keep-weekly 8 --keep-monthly 12 --rto 240 --rpo 1440',
    'firebreak backup plan add evidence-usb --source ./case-files --target /media/usb --no-database --full-every 1',
  ],
  run: async (ctx) => {
    const [name] = ctx.args as [string];
    const v = ctx.values;
    const retention: Retention = {};
    for (const [option, field] of Object.entries(RETENTION)) {
      const n = wholeNumber(v, option);
      if (n !== undefined) retention[field] = n;
    }
    const fullEvery = wholeNumber(v, 'full-every');
    const input: MethodInput<'backups.plans.add'> = {
      name,
      sources: list(v, 'source').map((p) => resolve(p)),
      target: resolve(v.target as string),
      exclude: list(v, 'exclude'),
      schedule: (v.schedule as string | undefined) ?? null,
      verifySchedule: (v['verify-schedule'] as string | undefined) ?? null,
      verifyLevel: v['verify-level'] === 'quick' ? 'quick' : 'full',
      retention,
      rtoMinutes: wholeNumber(v, 'rto') ?? null,
      rpoMinutes: wholeNumber(v, 'rpo') ?? null,
      recipients: list(v, 'recipient'),
      includeDatabase: v['no-database'] !== true,
      ...(fullEvery !== undefined ? { fullEvery } : {}),
    };
    const plan = await ctx.call('backups.plans.add', input);
    ctx.print(ctx.json ? toJson(plan) : `Added backup plan ${plan.name}.\n\n${formatPlan(plan)}`);
    return EXIT.ok;
  },
};

function list(values: OptionValues, option: string): string[] {
  const v = values[option];
  return v === undefined ? [] : Array.isArray(v) ? v : [String(v)];
}

function wholeNumber(values: OptionValues, option: string): number | undefined {
  const text = values[option];
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || !/^\d{1,9}$/.test(text)) throw usageError(`--${option} takes a whole number, not "${String(text)}"`);
  return Number(text);
}
