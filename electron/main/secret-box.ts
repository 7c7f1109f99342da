// The operating system's protection for the credentials in the download list (Keychain on macOS,
// DPAPI on Windows, the desktop's secret service on Linux), through Electron's safeStorage. Call
// once the app is ready.
import { safeStorage } from 'electron';
import type { SecretBox } from '../engine/secrets/secret-box';

/** Undefined where there is no protection worth the name: credentials are then kept as the CLI keeps them. */
export function osSecretBox(): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  // Linux without a secret service: Chromium falls back to a key written in its source, which
  // protects nothing and would only keep the CLI from resuming.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    seal: (plain) => safeStorage.encryptString(plain),
    open: (sealed) => safeStorage.decryptString(sealed),
  };
}
