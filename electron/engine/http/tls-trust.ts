// Which server certificates HTTPS downloads accept (Node's bundled roots, the system's trusted
// authorities and the user's own, or any at all when the user turned checks off), and what to tell
// the user when a certificate is refused: no retry can fix that, so the download fails at once.
import { X509Certificate } from 'node:crypto';
import { createSecureContext, rootCertificates, type ConnectionOptions, type SecureContext } from 'node:tls';
import { HaulError } from '../../../shared/errors';
import { PEM_BLOCK, systemCaCertificates } from './system-ca';

export interface TlsTrust {
  /** PEM certificates of extra authorities; '' for none. */
  extraCa: string;
  verify: boolean;
  /** Also trust the authorities the operating system trusts (default true, as browsers do). */
  system?: boolean;
}


/** The certificates of a PEM bundle. A bundle with none, or with one that does not parse, is refused. */
export function parseCaBundle(pem: string): string[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new HaulError('HAUL_E_INVALID_INPUT', 'No certificate found in the trusted certificates (expected PEM: "-----BEGIN CERTIFICATE-----").');
  }
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch (err) {
      throw new HaulError('HAUL_E_INVALID_INPUT', `Certificate ${i + 1} of the trusted certificates is not valid: ${(err as Error).message}.`);
    }
  });
  return blocks;
}

/** Refuses, with a clear HAUL_E_INVALID_INPUT, extra certificates that cannot be used. */
export function checkTrust(trust: TlsTrust): void {
  if (trust.verify && trust.extraCa.trim() !== '') parseCaBundle(trust.extraCa);
}

/**
 * Connect options for undici. One secure context for every connection: building one from a few
 * hundred authorities takes tens of milliseconds. `system` is for tests.
 */
export function tlsConnectOptions(trust: TlsTrust, system: () => string[] = systemCaCertificates): ConnectionOptions {
  if (!trust.verify) return { rejectUnauthorized: false };
  const extra = trust.extraCa.trim() === '' ? [] : parseCaBundle(trust.extraCa);
  const fromSystem = trust.system === false ? [] : system();
  if (extra.length === 0 && fromSystem.length === 0) return {};
  const key = `${trust.extraCa}\n${fromSystem.length}`;
  if (lastContext?.key !== key) {
    // `ca` replaces Node's roots rather than adding to them: keep them.
    lastContext = { key, context: createSecureContext({ ca: [...new Set([...rootCertificates, ...fromSystem, ...extra])] }) };
  }
  return { secureContext: lastContext.context };
}

/** The last context built: changing an unrelated setting (a timeout, the proxy) must not pay for a new one. */
let lastContext: { key: string; context: SecureContext } | null = null;

const CERT_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed authority that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'it was issued by an authority that is not trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'it was issued by an authority that is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'it was issued by an authority that is not trusted',
  CERT_UNTRUSTED: 'it is not trusted',
  CERT_REJECTED: 'it is not trusted',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: "it is not valid yet (check this computer's clock)",
  CERT_REVOKED: 'it was revoked',
  CERT_SIGNATURE_FAILURE: 'its signature is invalid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was issued for another host name',
};
/** OpenSSL's words for "the other side is not speaking TLS" (a plain-HTTP server behind an https:// URL). */
const NOT_TLS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST']);

/** A refused certificate or a server that does not speak TLS, as a clear error that is not retried; null otherwise. */
export function tlsError(err: unknown, host: string): HaulError | null {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    const reason = CERT_REASONS[code];
    if (reason) {
      return new HaulError('HAUL_E_TLS', `The certificate of ${host} was refused: ${reason} (${code}). Add the authority that issued it to the trusted certificates, or turn certificate checks off if you trust this server.`, { cause: err });
    }
    if (NOT_TLS.has(code)) {
      return new HaulError('HAUL_E_TLS', `${host} did not answer in TLS: is it a plain http:// server? (${code})`, { cause: err });
    }
  }
  return null;
}
