export type ParsedArchivePath = { ok: true; path: string } | { ok: false; problem: string };

/**
 * The canonical form of a name stored in a tar archive — `a/b/c`: no leading `./`, no empty or
 * `.` segments, no trailing slash — or why the name is refused. The archive root (`.`, `./`,
 * which `tar -cf x.tar -C dir .` writes first) comes back as the empty path: only a directory
 * entry may name it.
 *
 * Refused outright, whatever the platform restoring: absolute paths, drive letters and
 * backslashes (a path separator on Windows, so `..\x` escapes there), `..` anywhere — even
 * `a/../b`, which stays inside but is never written by a well-behaved archiver — and NUL bytes,
 * which C-based tools would silently truncate at.
 */
export function parseArchivePath(name: string): ParsedArchivePath {
  if (name === '') return { ok: false, problem: 'empty name' };
  if (name.includes('\0')) return { ok: false, problem: 'NUL byte in the name' };
  if (name.includes('\\')) return { ok: false, problem: 'backslash in the name (a path separator on Windows)' };
  if (name.startsWith('/')) return { ok: false, problem: 'absolute path' };
  if (/^[A-Za-z]:/.test(name)) return { ok: false, problem: 'drive-letter path (absolute on Windows)' };
  const segments = name.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { ok: false, problem: "'..' segment (parent directory)" };
  return { ok: true, path: segments.join('/') };
}
