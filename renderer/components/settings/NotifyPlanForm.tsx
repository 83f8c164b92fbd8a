import { useEffect, useState } from 'react';
import type { ApiError, NotifyPlan } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { describeError } from '../../lib/describeError';
import { ErrorBanner } from '../common/ErrorBanner';

/** What every new notice needs before it goes out (settings.notifyPlan): one approval, or two by different people. */
export function NotifyPlanForm({ canEdit }: { canEdit: boolean }) {
  const client = useClient();
  const toasts = useToasts();
  const [plan, setPlan] = useState<NotifyPlan | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    void client.call('settings.notifyPlan.get', {}).then((r) => (r.ok ? setPlan(r.value) : setError(r.error)));
  }, [client]);

  const change = async (twoApprovers: boolean) => {
    const before = plan;
    // Shown at once; put back if the backend refuses.
    setPlan({ twoApprovers });
    const r = await client.call('settings.notifyPlan.set', { twoApprovers });
    if (!r.ok) {
      setPlan(before);
      return setError(r.error);
    }
    setError(null);
    setPlan(r.value);
    toasts.show('success', 'Notification plan saved', twoApprovers ? 'New notices need two approvers.' : 'New notices need one approver.');
  };

  return (
    <section className="card" aria-labelledby="plan-title">
      <div className="card-header"><h2 id="plan-title">Notification plan</h2></div>
      <div className="card-body">
        {error && <ErrorBanner>{describeError(error)}</ErrorBanner>}
        <label className="check-row">
          <input type="checkbox" checked={plan?.twoApprovers ?? false} disabled={!canEdit || plan === null} onChange={(e) => void change(e.target.checked)} />
          New notices need approval by two different people (neither the last editor)
        </label>
        <p className="muted small">Notices already drafted keep the approvals they were created with.</p>
      </div>
    </section>
  );
}
