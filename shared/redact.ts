// Nothing secret leaves the engine: what clients see of an address or of request headers shows
// that a secret is set, never its value.
import { displayUrl } from './format';

/** What a client sees in place of a secret header value. */
export const SECRET_SET = '(set)';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** Whether a header carries credentials (its value never reaches a client). */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

/** The headers with every secret value replaced by SECRET_SET. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isSecretHeader(name) ? SECRET_SET : value;
  return out;
}

/** An address with its password shown as ***. */
export function redactUrl(url: string): string {
  return displayUrl(url);
}
