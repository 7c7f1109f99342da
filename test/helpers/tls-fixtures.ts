// The test CA and the loopback server's certificate (test/fixtures/tls, see its README).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url), 'utf8');

/** PEM of the authority that signed the server's certificate. */
export const TEST_CA = fixture('ca.pem');
export const TEST_CA_FILE = fileURLToPath(new URL('../fixtures/tls/ca.pem', import.meta.url));
/** For startQuirkyServer({ tls }): valid for 127.0.0.1 and localhost. */
export const TEST_SERVER_TLS = { key: fixture('server-key.pem'), cert: fixture('server.pem') };
