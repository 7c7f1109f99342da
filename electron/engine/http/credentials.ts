// Credentials go only to the origin the user gave them for: a job's Authorization and Cookie
// headers and the user:password of its URL are sent to that origin, never to another one a
// redirect (or a checksum file's URL) leads to.

const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie']);

/** The decoded user:password of https://user:password@host/…; null without user info. */
export function userInfo(url: URL): { user: string; password: string } | null {
  if (!url.username && !url.password) return null;
  return { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
}

/** Basic auth from https://user:password@host/… (as curl and wget read it); null without user info. */
export function basicAuthOf(url: URL): string | null {
  const info = userInfo(url);
  return info && `Basic ${Buffer.from(`${info.user}:${info.password}`).toString('base64')}`;
}

export function sameOrigin(a: string, b: string): boolean {
  return a === b || new URL(a).origin === new URL(b).origin;
}

export function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.has(k.toLowerCase())));
}

/** The job's headers for a request to `target` (the job's final URL, a checksum file…). */
export function headersFor(jobUrl: string, target: string, headers: Record<string, string>): Record<string, string> {
  // Cheap checks first: 1,000 small downloads each come here, and most have no redirect and no user info.
  if (!sameOrigin(jobUrl, target)) return withoutCredentials(headers);
  if (!jobUrl.includes('@')) return headers;
  const auth = basicAuthOf(new URL(jobUrl));
  if (auth === null || Object.keys(headers).some((k) => k.toLowerCase() === 'authorization')) return headers;
  return { ...headers, Authorization: auth };
}
