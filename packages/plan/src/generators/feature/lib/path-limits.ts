import type { NameSource } from './name-sources';
import { UserInputError } from './names';

/**
 * The longest file or folder name ext4, APFS and NTFS accept (names here are ASCII). A name this
 * long makes a path over MAX_PATH_LENGTH too; it is checked first because its message says more
 * exactly what is wrong, and it still holds should MAX_PATH_LENGTH ever be raised.
 */
export const MAX_NAME_BYTES = 255;

/**
 * The longest workspace-relative path the generator writes. Windows allows 260 characters for a
 * whole path unless long paths are enabled (and git for Windows needs `core.longpaths` besides),
 * so 200 leaves 59 characters for the workspace folder itself, e.g.
 * `C:\Users\firstname.lastname\source\repos\workspace\`. Linux (4096 bytes) and macOS (1024)
 * are then far away. Names of 60 characters still fit: paths of the identity module are about 100.
 */
export const MAX_PATH_LENGTH = 200;

/**
 * Refuses, before anything is written, names that would make a path a file system rejects
 * (which would fail half-way through writing, with ENAMETOOLONG) or that is too long to check
 * out on Windows. Blames the name that makes the path long, and says what to do.
 */
export function assertPathsFit(paths: readonly string[], sources: readonly NameSource[]): void {
  for (const path of paths) {
    const name = path.split('/').find((part) => Buffer.byteLength(part) > MAX_NAME_BYTES);
    if (name === undefined) continue;
    const source = culprit(name, sources);
    throw new UserInputError(
      `${source?.label ?? 'A name'} is too long: the generator would write ${path}, whose name ${name} is ${Buffer.byteLength(name)} bytes, and file systems allow ${MAX_NAME_BYTES} bytes per file or folder name. ${source?.fix('shorter') ?? 'Choose shorter names.'}`,
    );
  }
  for (const path of paths) {
    if (path.length <= MAX_PATH_LENGTH) continue;
    const source = culprit(path, sources);
    throw new UserInputError(
      `${source?.label ?? 'A name'} is too long: the generator would write ${path}, a path of ${path.length} characters. The generator keeps paths within ${MAX_PATH_LENGTH} characters of the workspace folder, so that the workspace can be checked out on Windows (260 characters for a whole path). ${source?.fix('shorter') ?? 'Choose shorter names.'}`,
    );
  }
}

/** The longest name that appears in the offending text: the one worth shortening. */
function culprit(text: string, sources: readonly NameSource[]): NameSource | undefined {
  return sources
    .filter(({ names }) => text.includes(names.fileName) || text.includes(names.className))
    .sort((a, b) => b.names.fileName.length - a.names.fileName.length)[0];
}
