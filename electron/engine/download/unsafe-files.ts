// What Haul refuses to write through in a download folder: in a folder others can write to
// (a shared or group folder, /tmp), someone may put a link named like the .part or the finished
// file, to make Haul write a download into another file (~/.bashrc, a file of the user's). Each
// refusal names the path and what was found there, so the user can look and remove it.
import { lstat, readlink, type Stats } from 'node:fs';
import { HaulError } from '../../../shared/errors';

const NOTHING_WRITTEN = 'Haul wrote nothing to it; remove it, then try again.';

/** The refusal for a symbolic link found where Haul writes; `outcome` says what Haul did instead. */
function linkFound(path: string, target: string | null, outcome: string, cause?: unknown): HaulError {
  const to = target === null ? '' : ` to ${target}`;
  return new HaulError('HAUL_E_UNSAFE_PATH', `${path} is a symbolic link${to}, not a file Haul made: someone may have put it there to make Haul write into another file. ${outcome}`, { cause });
}

function lstatOrNull(path: string): Promise<Stats | null> {
  return new Promise((resolve, reject) =>
    lstat(path, (err, st) => {
      if (!err) resolve(st);
      else if (err.code === 'ENOENT' || err.code === 'ENOTDIR') resolve(null);
      else reject(err);
    }),
  );
}

function linkTarget(path: string): Promise<string | null> {
  return new Promise((resolve) => readlink(path, (err, target) => resolve(err ? null : target)));
}

/** Throws the clear refusal when `path` is a symbolic link (where the open itself cannot refuse it). */
export async function refuseLink(path: string, cause?: unknown): Promise<void> {
  const st = await lstatOrNull(path);
  if (st?.isSymbolicLink()) throw linkFound(path, await linkTarget(path), 'Haul did not follow it and wrote nothing; remove it, then try again.', cause);
}

/**
 * The clear refusal when an open with O_NOFOLLOW failed because `path` is a symbolic link (ELOOP on
 * Linux and macOS, EMLINK on FreeBSD, EFTYPE on NetBSD); null for any other failure.
 */
export async function linkError(err: unknown, path: string): Promise<HaulError | null> {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'ELOOP' && code !== 'EMLINK' && code !== 'EFTYPE') return null;
  return refuseLink(path, err).then(
    () => null, // a loop in a folder above, not a link in place of the file
    (refusal: unknown) => refusal as HaulError,
  );
}

/**
 * A regular file found in place of a .part must be the user's own and have no other name: a hard
 * link would make Haul change the other file too, and another user's file is not one Haul made.
 * Null when it is fine (devices and pipes are left to fail on their own).
 */
export function foreignFileError(st: Stats, path: string): HaulError | null {
  if (!st.isFile()) return null;
  if (st.nlink > 1) {
    return new HaulError('HAUL_E_UNSAFE_PATH', `${path} has ${st.nlink} hard links: writing it would change another file too. ${NOTHING_WRITTEN}`);
  }
  const me = process.getuid?.();
  if (me !== undefined && st.uid !== me) {
    return new HaulError('HAUL_E_UNSAFE_PATH', `${path} belongs to another user (uid ${st.uid}), so Haul did not make it. ${NOTHING_WRITTEN}`);
  }
  return null;
}

/**
 * Whether something already has the finished file's name (then another name is picked). A
 * symbolic link there is refused rather than counted: the finished file must never be taken
 * for, nor replace, what someone else put at its name.
 */
export async function nameTaken(path: string, partPath: string): Promise<boolean> {
  const st = await lstatOrNull(path);
  if (st?.isSymbolicLink()) {
    throw linkFound(path, await linkTarget(path), `Haul did not replace it; the download is kept whole in ${partPath}. Remove the link, then try again.`);
  }
  return st !== null;
}
