// The access token of `haul serve`: made on the first start and kept in the data folder, readable
// by its owner only, so the printed URL stays the same from one start to the next. `--token`
// replaces it (and is kept too).
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateFile } from '../engine/private-files';

export const TOKEN_FILE = 'serve-token';

/** What a token may hold: it travels in a URL, a cookie and a header unchanged. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,256}$/;

/** 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The token to use: `given` (kept for next time), else the kept one, else a new one (kept). */
export function accessToken(dataHome: string, given?: string): string {
  const file = join(dataHome, TOKEN_FILE);
  let kept: string | undefined;
  try {
    kept = readFileSync(file, 'utf8').trim();
  } catch {
    kept = undefined; // first start
  }
  if (given === undefined && kept !== undefined && TOKEN_PATTERN.test(kept)) return kept;
  const token = given ?? newToken();
  makePrivateFile(file);
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}
