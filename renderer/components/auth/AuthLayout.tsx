import type { ReactNode } from 'react';
import { Icon } from '../common/Icon';

export function AuthLayout({ title, subtitle, children, wide = false }: { title: string; subtitle?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <div className="auth-screen">
      <main className={`auth-card${wide ? ' auth-wide' : ''}`} id="main">
        <div className="auth-brand">
          <span className="brand-mark">
            <Icon name="flame" size={18} />
          </span>
          <span>Firebreak</span>
        </div>
        <h1>{title}</h1>
        {subtitle && <p className="auth-subtitle">{subtitle}</p>}
        {children}
      </main>
      <p className="auth-footer">Offline incident response console · your data never leaves this machine</p>
    </div>
  );
}
