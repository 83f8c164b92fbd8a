/**
 * Electron main process: one window, one IPC door into the backend, everything else shut.
 * Bundled by scripts/build-app.mjs into dist/app/main.cjs.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createBackend } from '../api/createBackend';
import type { Backend } from '../api/types';
import { APP_INDEX_URL, APP_SCHEME } from './appOrigin';
import { API_CHANNEL } from './channels';
import { createApiHandler } from './createApiHandler';
import { createAppProtocolHandler } from './createAppProtocolHandler';
import { createConnections, type Connections } from './createConnections';
import { denyPermissions } from './denyPermissions';
import { hardenWebContents } from './hardenWebContents';
import { isAllowedRequestUrl } from './isAllowedRequestUrl';
import { isTrustedSender } from './isTrustedSender';
import { windowOptions } from './windowOptions';

// Must happen before 'ready': a standard, secure scheme gets a real origin, so `'self'` in the CSP
// means our files only.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

// The same data directory whether started as `electron .` (name "firebreak") or packaged
// (productName "Firebreak"); Chromium's own caches go to a subfolder of it.
const dataDir = join(app.getPath('appData'), 'Firebreak');
app.setPath('userData', dataDir);
app.setPath('sessionData', join(dataDir, 'chromium'));

async function readIfExists(file: string): Promise<Uint8Array | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return null;
    throw error;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function start(): void {
  const trustedContents = new Set<number>();
  let backend: Backend | null = null;
  let connections: Connections | null = null;
  let mainWindow: BrowserWindow | null = null;

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Quitting drops the key: nothing stays unlocked in a background process.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    backend?.close();
    backend = null;
  });

  ipcMain.handle(
    API_CHANNEL,
    createApiHandler({
      backend: { handle: (conn, method, input) => (backend ?? unavailable()).handle(conn, method, input) },
      isTrusted: (event) => isTrustedSender(event, trustedContents),
      connectionFor: (id) => connections?.get(id),
      logError: (error) => console.error('firebreak: api call failed:', error),
    }),
  );

  function unavailable(): never {
    throw new Error('the backend is closed');
  }

  function createWindow(conns: Connections): void {
    const preload = join(app.getAppPath(), 'dist', 'preload', 'preload.cjs');
    const win = new BrowserWindow(windowOptions(preload, !app.isPackaged));
    const contentsId = win.webContents.id;
    trustedContents.add(contentsId);
    win.webContents.once('destroyed', () => trustedContents.delete(contentsId));
    conns.open(win.webContents);
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    mainWindow = win;
    win.loadURL(APP_INDEX_URL).catch((error: unknown) => console.error('firebreak: could not load the window:', error));
  }

  app
    .whenReady()
    .then(async () => {
      const ses = session.defaultSession;
      denyPermissions(ses);
      ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
      protocol.handle(APP_SCHEME, createAppProtocolHandler(join(app.getAppPath(), 'dist', 'renderer'), readIfExists));

      // Shipped by electron-builder.yml (runbooks/**) inside app.asar, which Electron's fs reads.
      // The app runs the backup schedules while someone allowed to run backups is signed in.
      const created: Backend = await createBackend({
        dataDir, builtinRunbooksDir: join(app.getAppPath(), 'runbooks'),
        builtinNotifyDir: join(app.getAppPath(), 'main', 'notify'), scheduleBackups: true,
      });
      backend = created;
      connections = createConnections(created);
      createWindow(connections);
    })
    .catch((error: unknown) => {
      console.error('firebreak: startup failed:', error);
      dialog.showErrorBox('Firebreak could not start', messageOf(error));
      app.exit(1);
    });
}

// Two processes on one SQLCipher file would fight over the WAL and the key: focus the first.
if (app.requestSingleInstanceLock()) start();
else app.quit();
