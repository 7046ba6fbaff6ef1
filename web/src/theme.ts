/** Light/dark theme: follows prefers-color-scheme unless the user picked one (kept in the URL). */
import { getState } from './state.ts';

export function theme(): 'light' | 'dark' {
  const t = getState().theme;
  if (t === 'light' || t === 'dark') return t;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(): void {
  document.documentElement.dataset.theme = theme();
}
