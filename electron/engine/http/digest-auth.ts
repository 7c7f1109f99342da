// HTTP Digest authentication (RFC 7616) for URLs with user:password, as curl, wget and aria2 do
// it: routers, NAS boxes and older servers ask for it instead of Basic. The password never goes
// over the wire; each request proves it with a hash over a nonce the server chose.
import { createHash, randomBytes } from 'node:crypto';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque: string | null;
  /** 'auth', or null for the RFC 2069 form without qop. */
  qop: 'auth' | null;
  algorithm: 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';
  /** The server says the nonce expired but the credentials were fine: retry with the new one. */
  stale: boolean;
}

const ALGORITHMS = new Set(['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess']);

/** The auth-params of one challenge: `realm="a, b", nonce=xyz` (quoted strings may hold commas). */
function params(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.set(m[1]!.toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!);
  return out;
}

/** The strongest usable Digest challenge among WWW-Authenticate values; null when there is none. */
export function parseDigestChallenge(values: string | string[] | undefined): DigestChallenge | null {
  const all = (Array.isArray(values) ? values : values ? [values] : [])
    // One header may carry several challenges: split before each scheme name.
    .flatMap((v) => v.split(/,?\s*(?=\b(?:Digest|Basic|Bearer|Negotiate|NTLM)\s)/i))
    .filter((c) => /^\s*Digest\s/i.test(c));
  let best: DigestChallenge | null = null;
  for (const c of all) {
    const p = params(c.replace(/^\s*Digest\s+/i, ''));
    const algorithm = (p.get('algorithm') ?? 'MD5').replace(/^md5/i, 'MD5').replace(/^sha-256/i, 'SHA-256');
    const qops = (p.get('qop') ?? '').split(',').map((q) => q.trim().toLowerCase());
    if (!p.has('realm') || !p.has('nonce') || !ALGORITHMS.has(algorithm)) continue;
    if (p.has('qop') && !qops.includes('auth')) continue; // auth-int only: would need the body's hash
    const challenge: DigestChallenge = {
      realm: p.get('realm')!,
      nonce: p.get('nonce')!,
      opaque: p.get('opaque') ?? null,
      qop: p.has('qop') ? 'auth' : null,
      algorithm: algorithm as DigestChallenge['algorithm'],
      stale: (p.get('stale') ?? '').toLowerCase() === 'true',
    };
    if (!best || (best.algorithm.startsWith('MD5') && challenge.algorithm.startsWith('SHA-256'))) best = challenge;
  }
  return best;
}

/** One server's challenge and how many requests have used its nonce (each must count up). */
export class DigestSession {
  private count = 0;

  constructor(
    readonly challenge: DigestChallenge,
    private readonly user: string,
    private readonly password: string,
  ) {}

  /** The Authorization value for a GET of `uri` (path and query). */
  authorization(uri: string, cnonce = randomBytes(12).toString('hex')): string {
    const c = this.challenge;
    const hash = (s: string): string => createHash(c.algorithm.startsWith('SHA-256') ? 'sha256' : 'md5').update(s).digest('hex');
    let ha1 = hash(`${this.user}:${c.realm}:${this.password}`);
    if (c.algorithm.endsWith('-sess')) ha1 = hash(`${ha1}:${c.nonce}:${cnonce}`);
    const ha2 = hash(`GET:${uri}`);
    const nc = (++this.count).toString(16).padStart(8, '0');
    const response = c.qop ? hash(`${ha1}:${c.nonce}:${nc}:${cnonce}:auth:${ha2}`) : hash(`${ha1}:${c.nonce}:${ha2}`);
    const q = (s: string): string => `"${s.replace(/(["\\])/g, '\\$1')}"`;
    const parts = [`username=${q(this.user)}`, `realm=${q(c.realm)}`, `nonce=${q(c.nonce)}`, `uri=${q(uri)}`, `algorithm=${c.algorithm}`, `response=${q(response)}`];
    if (c.qop) parts.push('qop=auth', `nc=${nc}`, `cnonce=${q(cnonce)}`);
    if (c.opaque !== null) parts.push(`opaque=${q(c.opaque)}`);
    return `Digest ${parts.join(', ')}`;
  }
}
