// The data folder holds the download list (with its credentials) and the log (what was fetched
// from where): only its owner may read them, even where home folders are readable by every local
// user. Windows has no such modes (its folders under the profile are private already): there
// these calls only create what is missing.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** Group and others: the bits that must be clear. */
const SHARED_BITS = 0o077;

const hasModes = process.platform !== 'win32';

/** Creates the folder (and missing parents) for its owner only, and takes group and others' access off an existing one. */
export function makePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  tighten(dir);
}

/** Creates the file empty for its owner only when missing; an existing one loses group and others' access. */
export function makePrivateFile(file: string): void {
  // 'a': never truncates what is there; the mode applies only when the file is created.
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  tighten(file);
}

/** Takes group and others' access off a file or folder, if it exists; the owner's bits stay as they are. */
export function tighten(path: string): void {
  if (!hasModes) return;
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    return; // missing: nothing to tighten
  }
  if ((mode & SHARED_BITS) === 0) return;
  try {
    chmodSync(path, mode & 0o7777 & ~SHARED_BITS);
  } catch {
    // Not ours to change (another user's file, a read-only mount): Haul still works with it.
  }
}
