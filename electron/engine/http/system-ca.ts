// The authorities the operating system trusts. A company's TLS-inspecting proxy or in-house
// authority is installed there and browsers trust it: a download manager that ignored it would
// fail where the browser works. Node 22.15+ (the desktop app's) reads the store itself (macOS
// keychain, Windows store); under older Node the Linux bundle files are read.
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';

/** Where Linux distributions keep the bundle (Debian/Ubuntu, Fedora/RHEL, openSUSE, Alpine). */
export const LINUX_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

/** One certificate of a PEM bundle (shared with tls-trust.ts, which imports this file). */
export const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
type GetCa = (type: 'system') => string[];

let cached: string[] | null = null;

/** PEM certificates, read once per process; [] when the system has none Haul can read. */
export function systemCaCertificates(): string[] {
  cached ??= readSystemCa(LINUX_BUNDLES, (tls as { getCACertificates?: GetCa }).getCACertificates);
  return cached;
}

export function readSystemCa(bundles: readonly string[], fromNode: GetCa | undefined): string[] {
  if (typeof fromNode === 'function') {
    try {
      return fromNode('system');
    } catch {
      // Fall back to the files below.
    }
  }
  for (const file of bundles) {
    try {
      return readFileSync(file, 'utf8').match(PEM_BLOCK) ?? [];
    } catch {
      // Not this distribution's path.
    }
  }
  return [];
}
