import { z } from 'zod';

/**
 * Imported first by every contract file that builds schemas. zod 4 probes `new Function('')` to
 * decide whether to compile its parsers; under the renderer's CSP (`script-src 'self'`) the probe
 * is refused and Chromium reports a violation. Interpreted parsing is fast enough for API inputs.
 */
z.config({ jitless: true });
