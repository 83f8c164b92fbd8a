export type ThemePreference = 'system' | 'light' | 'dark';
export const THEME_KEY = 'firebreak.theme';

export function readThemePreference(): ThemePreference {
  const stored = localStorage.getItem(THEME_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

/** `data-theme` on <html> overrides prefers-color-scheme; absent means follow the system. */
export function applyTheme(pref: ThemePreference): void {
  if (pref === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.dataset.theme = pref;
}

export function effectiveTheme(pref: ThemePreference): 'light' | 'dark' {
  if (pref !== 'system') return pref;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
