import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one window's options. The renderer gets no Node, no remote content and no webviews; the
 * preload is a single bundled file because a sandboxed preload cannot require our modules.
 */
/** `devTools` is for development builds only; a packaged app passes false. */
export function windowOptions(preloadPath: string, devTools = false): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Firebreak',
    show: false,
    backgroundColor: '#111318',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools,
    },
  };
}
