import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { ToastContext, type Toast, type ToastApi } from '../../hooks/useToasts';
import { Icon } from '../common/Icon';

/** Results of actions, announced politely; errors stay longer and can be dismissed. */
export function ToastHost({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const api = useMemo<ToastApi>(
    () => ({
      show: (tone, title, detail) => {
        const id = nextId.current++;
        setToasts((list) => [...list.slice(-3), { id, tone, title, detail }]);
        setTimeout(() => dismiss(id), tone === 'error' ? 9000 : 5000);
      },
    }),
    [dismiss],
  );
  return (
    <ToastContext value={api}>
      {children}
      <div className="toasts" role="region" aria-label="Notifications">
        <div aria-live="polite" aria-atomic="false">
          {toasts.map((t) => (
            <div key={t.id} className={`toast toast-${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
              <Icon name={t.tone === 'error' ? 'alert' : t.tone === 'success' ? 'check' : 'activity'} />
              <div className="toast-text">
                <strong>{t.title}</strong>
                {t.detail && <span>{t.detail}</span>}
              </div>
              <button type="button" className="btn btn-ghost btn-icon btn-sm" onClick={() => dismiss(t.id)} aria-label="Dismiss notification">
                <Icon name="x" size={14} />
              </button>
            </div>
          ))}
        </div>
      </div>
    </ToastContext>
  );
}
