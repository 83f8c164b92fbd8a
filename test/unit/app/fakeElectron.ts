import { EventEmitter } from 'node:events';

/**
 * A stand-in for the `electron` module, enough to run dist/app/main.cjs under plain Node:
 * it records what the main process registers and lets a test play the renderer's side.
 */
export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: { channel: string; message: unknown }[] = [];
  windowOpenHandler: (() => unknown) | null = null;
  private destroyed = false;
  setWindowOpenHandler(handler: () => unknown): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class FakeSession {
  permissionRequest: ((...args: unknown[]) => void) | null = null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  devicePermission: ((...args: unknown[]) => boolean) | null = null;
  beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
  readonly webRequest = {
    onBeforeRequest: (listener: (details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) => {
      this.beforeRequest = listener;
    },
  };
  setPermissionRequestHandler(h: (...args: unknown[]) => void): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: (...args: unknown[]) => boolean): void {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: (...args: unknown[]) => boolean): void {
    this.devicePermission = h;
  }
}

export function createFakeElectron(opts: { appPath: string; appData: string }) {
  const paths = new Map<string, string>([['appData', opts.appData]]);
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    sandboxEnabled: false,
    quitCalled: false,
    exitCode: null as number | null,
    getPath: (name: string) => {
      const p = paths.get(name);
      if (p === undefined) throw new Error(`no path ${name}`);
      return p;
    },
    setPath: (name: string, value: string) => paths.set(name, value),
    getAppPath: () => opts.appPath,
    enableSandbox: () => {
      app.sandboxEnabled = true;
    },
    requestSingleInstanceLock: () => true,
    whenReady: () => ready,
    quit: () => {
      app.quitCalled = true;
    },
    exit: (code: number) => {
      app.exitCode = code;
    },
  });

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    show(): void {}
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {}
  }

  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const schemes: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const errors: string[] = [];
  const defaultSession = new FakeSession();

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog: { showErrorBox: (title: string, content: string) => errors.push(`${title}: ${content}`) },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, handler),
      on: (channel: string) => {
        throw new Error(`unexpected ipcMain.on(${channel})`);
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (list: unknown[]) => schemes.push(...list),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => protocolHandlers.set(scheme, handler),
    },
    session: { defaultSession },
  };

  return { electron, app, markReady, paths, windows, handlers, schemes, protocolHandlers, errors, defaultSession };
}
