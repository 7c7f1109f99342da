// What tells the file a download renamed into place from another file found under the same name
// later (the user replaced it, or deleted it and something else took the name): removing the
// download with its files must delete only the former.
import { lstat } from 'node:fs';
import type { PlacedFile } from '../store/job-store';

/** The file at `path` as it is now (a link itself, not what it points to); null when there is none. */
export function placedFileAt(path: string): Promise<PlacedFile | null> {
  return new Promise((resolve) => {
    lstat(path, (err, st) => resolve(err ? null : { size: st.size, dev: st.dev, ino: st.ino, mtimeMs: st.mtimeMs }));
  });
}

/** The same file, unchanged: same device and inode, same length, same modification time. */
export function isSameFile(a: PlacedFile, b: PlacedFile): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}
