import { describe, expect, it } from 'vitest';
import { UsageError } from './args';
import { parseNetrc, withNetrcCredentials } from './netrc';

describe('.netrc', () => {
  const text = [
    'machine files.example.com login ann password "s3cret with spaces"',
    '',
    'macdef init',
    'cd /pub',
    'machine inside.macro login no password no',
    '',
    'machine NAS.local',
    '  login admin',
    '  account ignored',
    '  password p@ss',
    'default login anonymous password guest@',
  ].join('\n');

  it('reads machines, default and quoted tokens, skipping macro bodies', () => {
    expect(parseNetrc(text, '~/.netrc')).toEqual([
      { machine: 'files.example.com', login: 'ann', password: 's3cret with spaces' },
      { machine: 'nas.local', login: 'admin', password: 'p@ss' },
      { machine: null, login: 'anonymous', password: 'guest@' },
    ]);
  });

  it('gives a URL the credentials of its host, else the default, never replacing its own', () => {
    const entries = parseNetrc(text, 'x');
    expect(withNetrcCredentials('https://files.example.com/a.iso', entries)).toBe('https://ann:s3cret%20with%20spaces@files.example.com/a.iso');
    expect(withNetrcCredentials('http://nas.local:5000/x', entries)).toBe('http://admin:p%40ss@nas.local:5000/x');
    expect(withNetrcCredentials('http://other.example/x', entries)).toBe('http://anonymous:guest%40@other.example/x');
    expect(withNetrcCredentials('https://me:mine@files.example.com/a', entries)).toBe('https://me:mine@files.example.com/a');
    expect(withNetrcCredentials('https://files.example.com/a', parseNetrc('machine x login y password z', 'x'))).toBe('https://files.example.com/a');
  });

  it('a token without its value is a usage error naming the file', () => {
    expect(() => parseNetrc('machine a login', '/home/u/.netrc')).toThrow(new UsageError('--netrc /home/u/.netrc: "login" without a value'));
  });
});
