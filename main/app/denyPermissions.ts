import { isAppUrl } from './appOrigin';

/**
 * The only permission granted: sanitized clipboard writes from our own origin, so the page can
 * copy a recovery key or a runbook's shell command on a click (browsers grant this to a user
 * gesture too). Camera, microphone, notifications, geolocation, HID, serial, USB, file system
 * and everything else are refused.
 */
export const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

export function isPermissionAllowed(permission: string, origin: string): boolean {
  return permission === ALLOWED_PERMISSION && isAppUrl(origin);
}

export interface PermissionSessionLike {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

export function denyPermissions(session: PermissionSessionLike): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}
