import { describe, expect, it } from 'vitest';
import { denyPermissions, isPermissionAllowed, type PermissionSessionLike } from '../../../main/app/denyPermissions';

type RequestHandler = Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0];

class FakeSession implements PermissionSessionLike {
  request: RequestHandler | null = null;
  check: CheckHandler | null = null;
  device: (() => boolean) | null = null;
  setPermissionRequestHandler(handler: RequestHandler): void {
    this.request = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler): void {
    this.check = handler;
  }
  setDevicePermissionHandler(handler: () => boolean): void {
    this.device = handler;
  }
}

const REFUSED = [
  'media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal',
  'clipboard-read', 'display-capture', 'hid', 'serial', 'usb', 'fileSystem', 'idle-detection', 'unknown',
];

function requestDecision(session: FakeSession, permission: string, url: string): boolean | undefined {
  let granted: boolean | undefined;
  session.request?.({}, permission, (g) => (granted = g), { requestingUrl: url });
  return granted;
}

describe('denyPermissions', () => {
  const session = new FakeSession();
  denyPermissions(session);

  it('installs all three handlers', () => {
    expect(session.request).not.toBeNull();
    expect(session.check).not.toBeNull();
    expect(session.device).not.toBeNull();
  });

  it('refuses every permission request and check from our own page', () => {
    for (const permission of REFUSED) {
      expect(requestDecision(session, permission, 'app://firebreak/index.html'), permission).toBe(false);
      expect(session.check?.({}, permission, 'app://firebreak'), permission).toBe(false);
    }
  });

  it('refuses device access', () => {
    expect(session.device?.()).toBe(false);
  });

  it('allows only sanitized clipboard writes, and only from our origin', () => {
    expect(requestDecision(session, 'clipboard-sanitized-write', 'app://firebreak/index.html')).toBe(true);
    expect(session.check?.({}, 'clipboard-sanitized-write', 'app://firebreak')).toBe(true);
    expect(requestDecision(session, 'clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(session.check?.({}, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(isPermissionAllowed('clipboard-read', 'app://firebreak')).toBe(false);
  });
});
