import { describe, expect, it } from 'vitest';
import {
  denyWindowOpen, hardenWebContents, preventForeignNavigation, preventWebview,
  type HardenableContents, type NavigationEventLike, type PreventableEventLike,
} from '../../../main/app/hardenWebContents';

function navigation(url: string): NavigationEventLike & { prevented: boolean } {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

class FakeContents implements HardenableContents {
  windowOpenHandler: (() => { action: 'deny' }) | null = null;
  listeners = new Map<string, ((event: NavigationEventLike & PreventableEventLike) => void)[]>();
  setWindowOpenHandler(handler: () => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  on(event: string, listener: (event: NavigationEventLike & PreventableEventLike) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(name: string, event: NavigationEventLike & PreventableEventLike): void {
    for (const listener of this.listeners.get(name) ?? []) listener(event);
  }
}

describe('navigation and window guards', () => {
  it('denies every window.open', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });

  it('lets navigation stay on our origin', () => {
    const event = navigation('app://firebreak/index.html#/incidents');
    preventForeignNavigation(event);
    expect(event.prevented).toBe(false);
  });

  it('prevents navigation anywhere else', () => {
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://other/', 'javascript:alert(1)', 'data:text/html,x']) {
      const event = navigation(url);
      preventForeignNavigation(event);
      expect(event.prevented, url).toBe(true);
    }
  });

  it('refuses webviews', () => {
    const event = navigation('app://firebreak/');
    preventWebview(event);
    expect(event.prevented).toBe(true);
  });
});

describe('hardenWebContents', () => {
  it('installs the window-open, navigation, redirect and webview guards', () => {
    const contents = new FakeContents();
    hardenWebContents(contents);

    expect(contents.windowOpenHandler?.()).toEqual({ action: 'deny' });

    const nav = navigation('https://evil.example/');
    contents.emit('will-navigate', nav);
    expect(nav.prevented).toBe(true);

    const redirect = navigation('https://evil.example/landing');
    contents.emit('will-redirect', redirect);
    expect(redirect.prevented).toBe(true);

    const ours = navigation('app://firebreak/index.html');
    contents.emit('will-navigate', ours);
    contents.emit('will-redirect', ours);
    expect(ours.prevented).toBe(false);

    const webview = navigation('app://firebreak/');
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });
});
