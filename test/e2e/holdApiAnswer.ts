import type { Page } from '@playwright/test';

/**
 * Holds the browser's answer to one API method until `release()`: the call really runs on the
 * server (and pushes its events), only its answer waits, so a spec can look at the screen while
 * the call is pending without racing a fast backend.
 */
export async function holdApiAnswer(page: Page, method: string): Promise<{ release: () => void; answered: Promise<void> }> {
  let release!: () => void;
  const held = new Promise<void>((done) => {
    release = done;
  });
  let answered!: () => void;
  const done = new Promise<void>((resolve) => {
    answered = resolve;
  });
  await page.route('**/api', async (route) => {
    const body = route.request().postDataJSON() as { method?: unknown } | null;
    if (body?.method !== method) {
      await route.fallback();
      return;
    }
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
    answered();
  });
  return { release, answered: done };
}
