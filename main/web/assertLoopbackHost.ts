/** The only addresses browser mode binds to; the Host check below only knows these names. */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost']);

/**
 * Refuses anything but the IPv4 loopback: the page holds every incident and piece of evidence,
 * and the one-time token in the URL is the only gate before the sign-in form.
 */
export function assertLoopbackHost(host: string): void {
  if (!LOOPBACK_NAMES.has(host)) {
    throw new Error(
      `refusing to listen on "${host}": browser mode only listens on the loopback address 127.0.0.1`,
    );
  }
}
