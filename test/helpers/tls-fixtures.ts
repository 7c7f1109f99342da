// The test CAs and the loopback servers' certificates (test/fixtures/tls, see its README).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url), 'utf8');

/** PEM of the authority that signed the server's certificate. */
export const TEST_CA = fixture('ca.pem');
export const TEST_CA_FILE = fileURLToPath(new URL('../fixtures/tls/ca.pem', import.meta.url));
/** For startQuirkyServer({ tls }): valid for 127.0.0.1 and localhost. */
export const TEST_SERVER_TLS = { key: fixture('server-key.pem'), cert: fixture('server.pem') };

/** A second authority, for certificates that must be refused even when it is trusted. */
export const REFUSALS_CA_FILE = fileURLToPath(new URL('../fixtures/tls/refusals-ca.pem', import.meta.url));
const refused = (cert: string): { key: string; cert: string } => ({ key: fixture('refused-key.pem'), cert: fixture(cert) });
/** For 127.0.0.1 from the refusals CA, valid only on 1 January 2020. */
export const EXPIRED_TLS = refused('expired.pem');
/** From the refusals CA, valid, but for example.com only. */
export const WRONG_HOST_TLS = refused('wrong-host.pem');
/** For 127.0.0.1, signed by its own key. */
export const SELF_SIGNED_TLS = refused('self-signed.pem');
