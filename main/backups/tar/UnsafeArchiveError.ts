/**
 * An archive entry that Firebreak refuses to read or restore because it could write outside
 * the target directory or create something other than a file, directory or symbolic link
 * (ARCHITECTURE.md §4: "Restore refuses absolute paths, `..`, links escaping the target and
 * device files"). `entry` is the name as stored in the archive.
 */
export class UnsafeArchiveError extends Error {
  override readonly name = 'UnsafeArchiveError';

  constructor(
    readonly entry: string,
    readonly reason: string,
  ) {
    super(`Refused archive entry ${JSON.stringify(entry)}: ${reason}`);
  }
}
