import { CopyButton } from '../common/CopyButton';
import { ErrorBanner } from '../common/ErrorBanner';
import type { RunStepView } from '../../../contract';
import { DoneButton } from './DoneButton';
import type { SendAction } from './types';

/**
 * A command to run by hand. Firebreak has no way to execute it, and says so before anyone copies
 * it. Without `send` (a step that cannot be done now, or by this role) it is shown read-only.
 */
export function CommandBlock({ step, busy = false, send }: { step: RunStepView; busy?: boolean; send?: SendAction }) {
  const d = step.definition;
  return (
    <div className="run-control">
      <ErrorBanner tone="warning">
        <strong>Firebreak never runs this command.</strong> Read it first and understand what it does, then run it yourself
        {d.runOn ? <> on: {d.runOn}</> : null}.
      </ErrorBanner>
      <div className="run-command">
        <div className="run-command-head">
          <span className="muted small">{d.shell ?? 'shell'}</span>
          <CopyButton text={d.command ?? ''} label="Copy command" />
        </div>
        <pre><code>{d.command}</code></pre>
      </div>
      {send && (
        <div className="run-control-actions">
          <DoneButton disabled={busy} onClick={() => void send({ type: 'done', step: d.id })} />
        </div>
      )}
    </div>
  );
}
