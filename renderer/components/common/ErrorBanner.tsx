import type { ReactNode } from 'react';
import { Icon } from './Icon';

export function ErrorBanner({ children, tone = 'error' }: { children: ReactNode; tone?: 'error' | 'warning' | 'info' | 'success' }) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <Icon name={tone === 'success' ? 'check' : tone === 'info' ? 'clock' : 'alert'} />
      <div>{children}</div>
    </div>
  );
}
