import { describe, expect, it } from 'vitest';
import { windowOptions } from '../../../main/app/windowOptions';

describe('windowOptions', () => {
  const options = windowOptions('/app/dist/preload/preload.cjs');
  const prefs = options.webPreferences ?? {};

  it('runs the renderer sandboxed, isolated and without Node', () => {
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and webviews off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('loads the bundled preload it is given', () => {
    expect(prefs.preload).toBe('/app/dist/preload/preload.cjs');
  });

  it('offers developer tools only when asked', () => {
    expect(prefs.devTools).toBe(false);
    expect(windowOptions('/p.cjs', true).webPreferences?.devTools).toBe(true);
  });

  it('stays hidden until the first paint', () => {
    expect(options.show).toBe(false);
  });
});
