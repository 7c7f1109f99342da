import { describe, expect, it } from 'vitest';
import { assertCredentialsOpen, hasSealedCredentials, mapHeaderSecrets, mapJobSecrets, mapUrlPassword } from './job-secrets';
import { isSealed, openWith, sealWith, type SecretBox } from './secret-box';

const upper = (v: string): string => v.toUpperCase();

/** Reversible and visible, enough to see which values go through the box (the real one is AES: test/helpers). */
const box: SecretBox = {
  seal: (plain) => Buffer.from([...plain].reverse().join(''), 'utf8'),
  open: (sealed) => [...sealed.toString('utf8')].reverse().join(''),
};

describe('mapUrlPassword', () => {
  it('maps only the password, leaving every other character as it was', () => {
    expect(mapUrlPassword('https://ann:p%40ss%3Aw@example.com:8443/a@b/c?d=e@f#g', upper)).toBe('https://ann:P%40SS%3AW@example.com:8443/a@b/c?d=e@f#g');
  });

  it('leaves URLs without a password alone, whatever @ they hold elsewhere', () => {
    for (const url of ['https://example.com/a@b', 'https://ann@example.com/f', 'https://ann:@example.com/f', 'http://example.com:8080/x@y', 'https://example.com/?u=a:b@c']) {
      expect(mapUrlPassword(url, upper)).toBe(url);
    }
  });
});

describe('job secrets', () => {
  it('are the Cookie, Authorization and Proxy-Authorization values in any case, not the other headers', () => {
    const headers = { COOKIE: 'a=1', Authorization: 'Bearer x', 'proxy-authorization': 'Basic y', Referer: 'https://r/', 'X-Token-Hint': 'z' };
    expect(mapHeaderSecrets(headers, upper)).toEqual({ COOKIE: 'A=1', Authorization: 'BEARER X', 'proxy-authorization': 'BASIC Y', Referer: 'https://r/', 'X-Token-Hint': 'z' });
    const plain = { Referer: 'https://r/' };
    expect(mapHeaderSecrets(plain, upper)).toBe(plain);
  });

  it('round-trip through a box: sealed on the way in, opened on the way out, untouched without secrets', () => {
    const job = {
      url: 'https://ann:pw1@example.com/f',
      finalUrl: 'https://ann:pw1@example.com/g',
      options: { connections: 1, speedLimit: null, headers: { Cookie: 'c=1' }, checksumUrl: 'https://ann:pw2@example.com/f.sha256', mirrors: ['https://bob:pw3@m.example/f', 'https://m2.example/f'] },
    };
    const sealed = mapJobSecrets(job, sealWith(box));
    expect(sealed.url).toMatch(/^https:\/\/ann:haul-sealed\.[\w-]+@example\.com\/f$/);
    expect(isSealed(sealed.options.headers.Cookie!)).toBe(true);
    expect(sealed.options.mirrors[1]).toBe('https://m2.example/f');
    expect(hasSealedCredentials(sealed)).toBe(true);
    expect(mapJobSecrets(sealed, sealWith(box))).toBe(sealed); // sealed once, never twice
    expect(mapJobSecrets(sealed, openWith(box))).toEqual(job);
    const patch: Parameters<typeof mapJobSecrets>[0] & { status: string } = { status: 'active' };
    expect(mapJobSecrets(patch, sealWith(box))).toBe(patch);
  });

  it('a value the box cannot open stays sealed, and the download is refused rather than sent', () => {
    const broken: SecretBox = { seal: box.seal, open: () => { throw new Error('keyring reset'); } };
    const sealed = mapJobSecrets({ url: 'https://x.example/f', finalUrl: null, options: { connections: 1, speedLimit: null, headers: { Authorization: 'Bearer t' } } }, sealWith(box));
    const opened = mapJobSecrets(sealed, openWith(broken));
    expect(opened).toEqual(sealed);
    expect(() => assertCredentialsOpen(opened)).toThrow(expect.objectContaining({ code: 'HAUL_E_CREDENTIALS_SEALED' }));
    expect(() => assertCredentialsOpen(mapJobSecrets(sealed, openWith(box)))).not.toThrow();
  });

  it('a box that cannot seal leaves the value as given: downloads keep working', () => {
    const refusing: SecretBox = { seal: () => { throw new Error('keychain access denied'); }, open: box.open };
    expect(sealWith(refusing)('c=1')).toBe('c=1');
  });
});
