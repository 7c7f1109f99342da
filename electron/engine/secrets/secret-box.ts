// Secrets at rest: the desktop app keeps the credentials of its downloads sealed with the
// operating system's protection (Keychain, DPAPI, the desktop's secret service) instead of in the
// database as typed. The engine never imports Electron: whoever starts it may hand the store a
// box; the CLI has none and keeps what it is given as it is (in a database only its owner reads).
//
// A sealed value is stored in place of the secret as a token, so every value carries its own state
// and goes through a store that cannot open it (the CLI) unchanged.

/** Seals and opens strings; both throw when they cannot (the keyring is locked or was reset). */
export interface SecretBox {
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

/** A value maps to what is stored for it, or back. */
export type SecretMap = (value: string) => string;

// Only characters a URL keeps as they are in its password, so a token fits there too.
const PREFIX = 'haul-sealed.';

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/**
 * Seals plain values; sealed ones are kept as they are. Where the box fails (the user refused the
 * keychain), the value is stored as given, as the CLI stores it: downloads must keep working.
 */
export function sealWith(box: SecretBox): SecretMap {
  return (value) => {
    if (value === '' || isSealed(value)) return value;
    try {
      return PREFIX + box.seal(value).toString('base64url');
    } catch {
      return value;
    }
  };
}

/** Opens sealed values; one this box cannot open stays sealed (and is never sent: see job-secrets.ts). */
export function openWith(box: SecretBox): SecretMap {
  return (value) => {
    if (!isSealed(value)) return value;
    try {
      return box.open(Buffer.from(value.slice(PREFIX.length), 'base64url'));
    } catch {
      return value;
    }
  };
}
