/**
 * The engine's sentences name steps by id in straight quotes (`waits for "scope-hunt"`); people
 * know them by title. Quoted ids the run knows become “title”; anything else is left as it is.
 */
export function withStepTitles(text: string, titleOf: (id: string) => string | undefined): string {
  return text.replace(/"([a-z][a-z0-9]*(?:-[a-z0-9]+)*)"/g, (whole, id: string) => {
    const title = titleOf(id);
    return title === undefined ? whole : `“${title}”`;
  });
}
