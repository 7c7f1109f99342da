// `--netrc` / `--netrc-file`: user names and passwords by host from a .netrc, as curl, wget and
// aria2 read it, so scripts need no passwords in their URLs. The credentials become the URL's
// user:password, which goes only to that origin (Basic, or Digest when the server asks).
import { UsageError } from './args';

export interface NetrcEntry {
  /** null for `default`. */
  machine: string | null;
  login: string;
  password: string;
}

/** Whitespace-separated tokens; "quoted tokens" may hold spaces and \" escapes (as curl reads them). */
function tokens(text: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
  return out;
}

export function parseNetrc(text: string, file: string): NetrcEntry[] {
  const entries: NetrcEntry[] = [];
  // A macdef runs to the next blank line; it holds no credentials.
  const withoutMacros = text.replace(/^\s*macdef\b[^\n]*\n(?:[^\n]*\S[^\n]*\n?)*/gm, '');
  const t = tokens(withoutMacros);
  let current: { machine: string | null; login?: string; password?: string } | null = null;
  const close = (): void => {
    if (current && current.login !== undefined) entries.push({ machine: current.machine, login: current.login, password: current.password ?? '' });
  };
  for (let i = 0; i < t.length; i++) {
    const word = t[i]!;
    if (word === 'machine' || word === 'default') {
      close();
      if (word === 'machine' && t[i + 1] === undefined) throw new UsageError(`--netrc ${file}: "machine" without a host name`);
      current = { machine: word === 'machine' ? t[++i]!.toLowerCase() : null };
    } else if (word === 'login' || word === 'password' || word === 'account') {
      const value = t[++i];
      if (value === undefined) throw new UsageError(`--netrc ${file}: "${word}" without a value`);
      if (current && word === 'login') current.login = value;
      if (current && word === 'password') current.password = value;
    }
  }
  close();
  return entries;
}

/** The URL with the credentials of its host (or `default`) added, unless it has its own. */
export function withNetrcCredentials(url: string, entries: readonly NetrcEntry[]): string {
  const u = new URL(url);
  if (u.username || u.password) return url;
  const host = u.hostname.toLowerCase();
  const entry = entries.find((e) => e.machine === host) ?? entries.find((e) => e.machine === null);
  if (!entry) return url;
  u.username = encodeURIComponent(entry.login);
  u.password = encodeURIComponent(entry.password);
  return u.href;
}
