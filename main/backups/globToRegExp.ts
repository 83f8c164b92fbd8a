/**
 * An exclude glob as a regular expression over POSIX paths inside a source: `**` any number of
 * directories, `*` anything but `/`, `?` one character. A glob without `/` matches the name at
 * any depth (`*.tmp`), as people expect from .gitignore.
 */
export function globToRegExp(glob: string): RegExp {
  const anchored = glob.includes('/');
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const body = glob.startsWith('/') ? out.slice(1) : out;
  return new RegExp(anchored ? `^${body}(?:/.*)?$` : `(?:^|/)${body}(?:/.*)?$`);
}
