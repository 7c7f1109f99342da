import { describe, expect, it } from 'vitest';
import { redactHeaders, redactUrl, SECRET_SET } from './redact';

describe('redaction', () => {
  it('shows credentials as set, never their values, whatever the case of the header', () => {
    expect(redactHeaders({ Cookie: 'sid=1', AUTHORIZATION: 'Basic eA==', 'proxy-authorization': 'x', Referer: 'https://r/' })).toEqual({
      Cookie: SECRET_SET,
      AUTHORIZATION: SECRET_SET,
      'proxy-authorization': SECRET_SET,
      Referer: 'https://r/',
    });
  });

  it('hides the password of an address, keeping the user name', () => {
    expect(redactUrl('https://ann:hunter2@h/f.iso')).toBe('https://ann:***@h/f.iso');
    expect(redactUrl('https://h/f.iso')).toBe('https://h/f.iso');
  });
});
