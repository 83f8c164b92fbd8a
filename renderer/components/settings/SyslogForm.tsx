import { useEffect, useState, type FormEvent } from 'react';
import { SYSLOG_FACILITIES, type ApiError, type SyslogFacility, type SyslogSettings, type SyslogStatus } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { describeError } from '../../lib/describeError';
import { formatDateTime } from '../../lib/formatDateTime';
import { ErrorBanner } from '../common/ErrorBanner';
import { Field } from '../common/Field';

const FACILITIES = Object.keys(SYSLOG_FACILITIES) as SyslogFacility[];

/**
 * What the sender is doing in the process answering (counts since it started), in words: a failure
 * is what must not be missed, and nothing is called working before a message went out.
 */
function StatusLine({ status, onRefresh }: { status: SyslogStatus; onRefresh: () => void }) {
  const refresh = <button type="button" className="btn btn-sm" onClick={onRefresh}>Refresh</button>;
  if (status.state === 'off') return <p className="muted" id="syslog-status">Not sending: syslog output is off.</p>;
  const counts = `${status.sent} sent, ${status.queued} waiting${status.dropped > 0 ? `, ${status.dropped} dropped because the queue was full` : ''} since this Firebreak process started`;
  if (status.state === 'failing') {
    return (
      <p id="syslog-status">
        <span className="badge badge-failed">Not reaching the server</span> since {status.failingSince ? formatDateTime(status.failingSince) : '?'} ({status.lastError}); retrying. {counts}. The
        JSON-lines file in the data directory is complete. {refresh}
      </p>
    );
  }
  if (status.sent === 0) return <p id="syslog-status"><span className="badge badge-muted">On</span> nothing sent yet ({status.queued} waiting). {refresh}</p>;
  return <p id="syslog-status"><span className="badge badge-ok">Sending</span> {counts}. {refresh}</p>;
}

/** Where security events are also sent as RFC 5424 syslog messages (settings.syslog); the API validates and names what is wrong. */
export function SyslogForm({ canEdit }: { canEdit: boolean }) {
  const client = useClient();
  const toasts = useToasts();
  const [form, setForm] = useState<SyslogSettings | null>(null);
  const [status, setStatus] = useState<SyslogStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    void client.call('settings.syslog.get', {}).then((r) => {
      if (!r.ok) return setError(r.error);
      const { source: _source, status: now, ...settings } = r.value;
      setForm(settings);
      setStatus(now);
    });
  }, [client]);
  /** The sender's state only: what is typed in the form stays. */
  const refreshStatus = () => {
    void client.call('settings.syslog.get', {}).then((r) => (r.ok ? setStatus(r.value.status) : setError(r.error)));
  };
  if (!form) return error ? <ErrorBanner>{describeError(error)}</ErrorBanner> : null;
  const set = (patch: Partial<SyslogSettings>) => setForm({ ...form, ...patch });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await client.call('settings.syslog.set', form);
    if (!r.ok) return setError(r.error);
    setError(null);
    const { source: _source, status: now, ...settings } = r.value;
    setForm(settings);
    setStatus(now);
    toasts.show('success', 'Syslog output saved', settings.enabled ? `Security events go to ${settings.host}:${settings.port} over ${settings.transport.toUpperCase()} from now on.` : 'Syslog output is off.');
  };

  return (
    <section className="card" aria-labelledby="syslog-title">
      <div className="card-header"><h2 id="syslog-title">Syslog output (SIEM)</h2></div>
      <form className="card-body form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted">
          Every security event written to security-events.jsonl is also sent to this syslog server as an RFC 5424 message, including failed sign-ins while the vault is locked.
        </p>
        {status && <StatusLine status={status} onRefresh={refreshStatus} />}
        {error && <ErrorBanner>{describeError(error)}</ErrorBanner>}
        <label className="check-row">
          <input id="syslog-enabled" type="checkbox" checked={form.enabled} disabled={!canEdit} onChange={(e) => set({ enabled: e.target.checked })} />
          Send security events to syslog
        </label>
        <div className="form-grid form-grid-3">
          <Field id="syslog-host" label="Server" hint="Host name, IPv4 or IPv6 address (no brackets)">
            <input id="syslog-host" className="mono" value={form.host} readOnly={!canEdit} onChange={(e) => set({ host: e.target.value })} />
          </Field>
          <Field id="syslog-port" label="Port" hint="1 to 65535; usually 514">
            <input id="syslog-port" type="number" min={1} max={65535} value={form.port} readOnly={!canEdit} onChange={(e) => set({ port: Number(e.target.value) })} />
          </Field>
          <Field id="syslog-transport" label="Transport" hint="TCP frames by octet count (RFC 6587)">
            <select id="syslog-transport" value={form.transport} disabled={!canEdit} onChange={(e) => set({ transport: e.target.value as SyslogSettings['transport'] })}>
              <option value="udp">UDP</option>
              <option value="tcp">TCP</option>
            </select>
          </Field>
        </div>
        <div className="form-grid">
          <Field id="syslog-facility" label="Facility">
            <select id="syslog-facility" value={form.facility} disabled={!canEdit} onChange={(e) => set({ facility: e.target.value as SyslogFacility })}>
              {FACILITIES.map((f) => <option key={f} value={f}>{f} ({SYSLOG_FACILITIES[f]})</option>)}
            </select>
          </Field>
          <Field id="syslog-app" label="App name" hint="APP-NAME of each message: up to 48 characters, no spaces">
            <input id="syslog-app" className="mono" value={form.appName} readOnly={!canEdit} onChange={(e) => set({ appName: e.target.value })} />
          </Field>
        </div>
        {canEdit && <div className="button-row"><button type="submit" className="btn btn-primary">Save syslog output</button></div>}
      </form>
    </section>
  );
}
