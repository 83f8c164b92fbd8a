import type { ReactNode } from 'react';

/** Label, control, hint and the API's message for this field, tied together for screen readers. */
export function Field({
  id, label, error, hint, children, className,
}: { id: string; label: ReactNode; error?: string | undefined; hint?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} id={`${id}-label`}>{label}</label>
      {children}
      {hint && !error && <p className="field-hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

/** Props that connect a control to its Field's hint or error. */
export function describedBy(id: string, error: string | undefined, hasHint = false) {
  return {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hasHint ? `${id}-hint` : undefined,
  };
}
