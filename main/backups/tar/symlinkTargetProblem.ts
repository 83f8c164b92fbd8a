/**
 * Why a symbolic link at archive path `path` pointing to `target` could lead out of the restore
 * directory, or null when it cannot.
 *
 * A purely lexical check (`path.resolve` stays inside) is not enough: with `a -> .` and
 * `b -> a/..`, `b` looks like it points at the root but the kernel follows `a` first and lands
 * one level above it — and the two links may arrive in either order. So a target must be a run
 * of leading `..` (no deeper than the link's own directory, whose ancestors restore has checked
 * are real directories) followed only by names going down. Each link then resolves inside, and
 * by induction so does any path made of links and names. Absolute targets are refused too, as
 * ARCHITECTURE.md §4 requires. The price: a rare target such as `x/../y` is refused although
 * harmless.
 */
export function symlinkTargetProblem(path: string, target: string): string | null {
  if (target === '') return 'empty link target';
  if (target.includes('\0')) return 'NUL byte in the link target';
  if (target.includes('\\')) return 'backslash in the link target (a path separator on Windows)';
  if (target.startsWith('/') || /^[A-Za-z]:/.test(target)) return `absolute link target ${JSON.stringify(target)}`;
  const segments = target.split('/').filter((s) => s !== '' && s !== '.');
  const ups = segments.findIndex((s) => s !== '..');
  const leading = ups === -1 ? segments.length : ups;
  if (segments.slice(leading).includes('..')) {
    return `link target ${JSON.stringify(target)} climbs back up after going down (could pass through another link)`;
  }
  const depth = path.split('/').length - 1;
  if (leading > depth) return `link target ${JSON.stringify(target)} points outside the restore directory`;
  return null;
}
