// The stand-in for Electron's safeStorage, which needs the Electron binary (it cannot run here):
// real AES-256-GCM with a key of its own, as safeStorage seals with a key the operating system
// keeps. Two boxes made apart cannot open each other's values, as after a keyring reset.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../../electron/engine/secrets/secret-box';

export interface TestSecretBox extends SecretBox {
  /** Values sealed and opened so far. */
  sealed: number;
  opened: number;
}

export function testSecretBox(key: Buffer = randomBytes(32)): TestSecretBox {
  const box: TestSecretBox = {
    sealed: 0,
    opened: 0,
    seal(plain) {
      box.sealed++;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
      box.opened++;
      return plain;
    },
  };
  return box;
}
