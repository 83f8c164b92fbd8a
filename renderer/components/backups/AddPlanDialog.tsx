import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError, BackupPlan } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useCan } from '../../hooks/useSession';
import { EMPTY_PLAN_FORM, planInputFrom, type PlanForm, type PlanFormField } from '../../lib/planInputFrom';
import { planIssuesByField } from '../../lib/planIssuesByField';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { Modal } from '../common/Modal';

type TextField = Exclude<PlanFormField, 'includeDatabase' | 'verifyLevel'>;

const RETENTION: [TextField, string][] = [
  ['keepLast', 'Keep last'], ['keepDaily', 'Keep daily'], ['keepWeekly', 'Keep weekly'], ['keepMonthly', 'Keep monthly'], ['keepYearly', 'Keep yearly'],
];

/**
 * A new backup plan (backups.plans.add). The API checks everything — the name, that the sources
 * exist, that the target is not inside a source or the data directory, the cron expression — and
 * a refusal shows every one of its issues, each also next to its field.
 */
export function AddPlanDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (plan: BackupPlan) => void }) {
  const client = useClient();
  // Who may read the backups is an administrator's decision (docs/security.md): without the
  // permission the database starts unticked and cannot be ticked, and recipients cannot be given.
  const canDatabase = useCan('backup:include-database');
  const canRecipients = useCan('backup:recipients');
  const [form, setForm] = useState<PlanForm>({ ...EMPTY_PLAN_FORM, includeDatabase: canDatabase });
  const [local, setLocal] = useState<Partial<Record<PlanFormField, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const issues = planIssuesByField(error);

  // After a refusal: the summary at the top in view (the body may be scrolled to the submit
  // button), the keyboard on the first field to fix.
  useEffect(() => {
    const form = formRef.current;
    if (refusals === 0 || form === null) return;
    const banner = form.querySelector('.banner');
    banner?.scrollIntoView({ block: 'nearest' });
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus({ preventScroll: banner !== null });
  }, [refusals]);
  const problemOf = (field: PlanFormField): string | undefined => local[field] ?? issues.fields[field];
  const set = (field: TextField) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const parsed = planInputFrom(form);
    setLocal(parsed.errors);
    if (parsed.input === null) {
      setRefusals((n) => n + 1);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await client.call('backups.plans.add', parsed.input);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setRefusals((n) => n + 1);
      return;
    }
    onAdded(result.value);
  };

  const text = (field: TextField, label: ReactNode, opts: { hint?: ReactNode; placeholder?: string; mono?: boolean; className?: string; autoFocus?: boolean } = {}) => {
    const id = `plan-${field}`;
    const problem = problemOf(field);
    return (
      <Field id={id} label={label} error={problem} hint={opts.hint} className={opts.className}>
        <input
          {...describedBy(id, problem, opts.hint !== undefined)}
          className={opts.mono ? 'mono' : undefined}
          value={form[field]}
          onChange={(e) => set(field)(e.target.value)}
          placeholder={opts.placeholder}
          autoFocus={opts.autoFocus}
          maxLength={4096}
        />
      </Field>
    );
  };
  const lines = (field: TextField, label: ReactNode, hint: ReactNode, placeholder: string) => {
    const id = `plan-${field}`;
    const problem = problemOf(field);
    return (
      <Field id={id} label={label} error={problem} hint={hint} className="span-2">
        <textarea {...describedBy(id, problem, true)} className="mono" rows={3} value={form[field]} onChange={(e) => set(field)(e.target.value)} placeholder={placeholder} />
      </Field>
    );
  };
  const number = (field: TextField, label: ReactNode, hint?: ReactNode) => {
    const id = `plan-${field}`;
    const problem = problemOf(field);
    return (
      <Field id={id} label={label} error={problem} hint={hint}>
        <input {...describedBy(id, problem, hint !== undefined)} type="number" inputMode="numeric" min={0} step={1} value={form[field]} onChange={(e) => set(field)(e.target.value)} />
      </Field>
    );
  };

  const apiIssues = error?.code === 'VALIDATION' && error.issues?.length ? error.issues : [];
  return (
    <Modal
      title="Add a backup plan"
      onClose={onClose}
      size="lg"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="submit" form="add-plan" className="btn btn-primary" disabled={busy}>{busy ? 'Checking…' : 'Add plan'}</button>
        </>
      }
    >
      <form id="add-plan" ref={formRef} className="form" onSubmit={(e) => void submit(e)} noValidate>
        {error && (
          <ErrorBanner>
            <p>
              {apiIssues.length > 0
                ? <>The plan was not added: {apiIssues.length} {apiIssues.length === 1 ? 'problem' : 'problems'}.</>
                : <>The plan was not added: {error.message}</>}
            </p>
            {apiIssues.length > 0 && (
              <ul className="problem-list" aria-label="Problems">
                {apiIssues.map((issue, i) => <li key={i}><code>{issue}</code></li>)}
              </ul>
            )}
          </ErrorBanner>
        )}
        <div className="form-grid">
          {text('name', 'Name', { hint: 'Lower-case words joined by hyphens, e.g. nightly-share. Backups go to <target>/<name>/.', mono: true, autoFocus: true, placeholder: 'nightly' })}
          {text('target', 'Target directory', { hint: 'Absolute path: a local disk or a mounted share, outside the sources and the data directory.', mono: true, placeholder: '/mnt/backup' })}
          {lines('sources', 'Sources', 'Absolute paths of files or folders, one per line. Each becomes a top-level folder of the archive.', '/srv/share\n/var/log/app')}
          {lines('exclude', 'Exclude', <>Globs inside a source, one per line, e.g. <code>**/*.tmp</code> or <code>cache/**</code>.</>, '**/*.tmp')}
          {text('schedule', 'Schedule (cron)', { hint: <>Five or six fields, e.g. <code>30 2 * * *</code> for 02:30 every day. Empty: on demand only. The plan list shows it in words.</>, mono: true, placeholder: '30 2 * * *' })}
          {number('fullEvery', 'Full backup every … runs', 'The others store only what changed since the previous backup.')}
        </div>
        <label className="check-row">
          <input
            type="checkbox" checked={form.includeDatabase} disabled={!canDatabase} aria-describedby={canDatabase ? undefined : 'plan-database-hint'}
            onChange={(e) => setForm((f) => ({ ...f, includeDatabase: e.target.checked }))}
          />
          Also back up Firebreak's own database (an encrypted snapshot) and vault.json
        </label>
        {!canDatabase && (
          <p className="field-hint" id="plan-database-hint">
            Only an administrator can put Firebreak's database in a plan, or a source in or around its data directory: the database opens with
            any user's passphrase.
          </p>
        )}
        <fieldset className="form-section">
          <legend>Scheduled verification</legend>
          <div className="form-grid">
            {text('verifySchedule', 'Verify (cron)', { hint: <>When to check the newest backup and every backup it needs, e.g. <code>0 6 * * 0</code> for Sundays at 06:00. Empty: only when you ask.</>, mono: true, placeholder: '0 6 * * 0' })}
            <Field id="plan-verifyLevel" label="Verification level" hint="Full decrypts and re-hashes every file; quick checks the manifests and archive sizes.">
              <select id="plan-verifyLevel" aria-describedby="plan-verifyLevel-hint" value={form.verifyLevel} onChange={(e) => setForm((f) => ({ ...f, verifyLevel: e.target.value === 'quick' ? 'quick' : 'full' }))}>
                <option value="full">Full</option>
                <option value="quick">Quick</option>
              </select>
            </Field>
          </div>
        </fieldset>
        <fieldset className="form-section">
          <legend>Retention</legend>
          <p className="muted small">How many backups Prune keeps: the newest N, and the newest of each of the last N days, weeks, months, years. Empty: no rule.</p>
          <div className="form-grid retention-grid">
            {RETENTION.map(([field, label]) => <div key={field}>{number(field, label)}</div>)}
          </div>
        </fieldset>
        <fieldset className="form-section">
          <legend>Objectives</legend>
          <div className="form-grid">
            {number('rtoMinutes', 'RTO (minutes)', 'The longest a full restore may take. Drills are timed against it.')}
            {number('rpoMinutes', 'RPO (minutes)', 'The most work you can afford to lose: the oldest a backup may be.')}
          </div>
        </fieldset>
        <fieldset className="form-section">
          <legend>Extra recipients</legend>
          {canRecipients
            ? lines('recipients', 'Extra age recipients (optional)', 'Public keys (age1…), one per line, e.g. an offline key kept in a safe. The vault\'s backup identity is always a recipient.', 'age1…')
            : <p className="muted small">Only an administrator can add extra recipients: whoever holds one can decrypt every backup of the plan. The vault's backup identity is always a recipient.</p>}
        </fieldset>
      </form>
    </Modal>
  );
}
