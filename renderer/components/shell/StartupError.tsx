import { Icon } from '../common/Icon';

export function StartupError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="center-screen">
      <div className="auth-card" role="alert">
        <div className="auth-brand">
          <Icon name="alert" size={20} />
          <span>Firebreak could not start</span>
        </div>
        <p className="muted">{message}</p>
        <p className="muted small">
          In browser mode, open the link printed by <code>firebreak serve</code> (it works once per run).
        </p>
        {onRetry && (
          <button type="button" className="btn btn-primary" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    </div>
  );
}
