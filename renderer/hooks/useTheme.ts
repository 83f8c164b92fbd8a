import { useSyncExternalStore } from 'react';
import { applyTheme, readThemePreference, THEME_KEY, type ThemePreference } from '../lib/theme';

// One preference for the whole page: the header toggle and the settings page must agree.
let current: ThemePreference | null = null;
const listeners = new Set<() => void>();

const subscribe = (cb: () => void): (() => void) => {
  listeners.add(cb);
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', cb);
  return () => {
    listeners.delete(cb);
    media.removeEventListener('change', cb);
  };
};
const snapshot = (): ThemePreference => (current ??= readThemePreference());

export function setThemePreference(next: ThemePreference): void {
  if (next === 'system') localStorage.removeItem(THEME_KEY);
  else localStorage.setItem(THEME_KEY, next);
  current = next;
  applyTheme(next);
  for (const cb of listeners) cb();
}

export function useTheme(): [ThemePreference, (pref: ThemePreference) => void] {
  return [useSyncExternalStore(subscribe, snapshot), setThemePreference];
}
