/**
 * The Content-Security-Policy of the renderer, one string for both front doors: the Electron
 * shell sends it with every app:// response, the browser-mode host with every page it serves.
 * No inline script or style, no remote origin, no plugins, no framing; `data:` images only
 * for the TOTP QR code (see MfaEnrolment.qrDataUrl).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
