import { isAppUrl } from './appOrigin';

export interface NavigationEventLike {
  readonly url: string;
  preventDefault(): void;
}

export interface PreventableEventLike {
  preventDefault(): void;
}

/** The parts of Electron's WebContents that hardening touches (a real WebContents satisfies it). */
export interface HardenableContents {
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: NavigationEventLike) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEventLike) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEventLike) => void): unknown;
}

/** New windows are never opened: links to the outside world are shown, not followed. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Navigation and redirects may stay on our origin and go nowhere else. */
export function preventForeignNavigation(event: NavigationEventLike): void {
  if (!isAppUrl(event.url)) event.preventDefault();
}

export function preventWebview(event: PreventableEventLike): void {
  event.preventDefault();
}

/** Applied to every webContents the app creates (app 'web-contents-created'), not just our window. */
export function hardenWebContents(contents: HardenableContents): void {
  contents.setWindowOpenHandler(denyWindowOpen);
  contents.on('will-navigate', preventForeignNavigation);
  contents.on('will-redirect', preventForeignNavigation);
  contents.on('will-attach-webview', preventWebview);
}
