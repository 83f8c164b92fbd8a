import { Icon } from '../common/Icon';
import type { StepControlProps } from './types';

export function TimerControl({ step, busy, send }: StepControlProps) {
  const d = step.definition;
  const start = d.action === 'start';
  return (
    <div className="run-control">
      <p className="muted small">
        Clock <strong className="mono">{d.clock}</strong>
        {start && d.deadline && <> · deadline {d.deadline}</>}
        {start && d.remindEvery && <> · reminder every {d.remindEvery}</>}
      </p>
      <div className="run-control-actions">
        <button type="button" className="btn btn-primary btn-sm" disabled={busy} onClick={() => void send({ type: 'done', step: d.id })}>
          <Icon name="clock" size={14} />
          {start ? 'Start clock' : 'Stop clock'}
        </button>
      </div>
    </div>
  );
}
