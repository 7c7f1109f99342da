import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { allowedHosts, bearerToken, cookieValue, tokenMatches } from './access';

describe('the Host headers haul serve answers to', () => {
  it('on loopback: its address and loopback names, with the port', () => {
    expect([...allowedHosts('127.0.0.1', 6801)].sort()).toEqual(['127.0.0.1:6801', '[::1]:6801', 'localhost:6801']);
    expect(allowedHosts('::1', 6801).has('[::1]:6801')).toBe(true);
  });

  it('on another address: that address only (a name pointed at it is not it)', () => {
    expect([...allowedHosts('192.168.1.20', 6801)]).toEqual(['192.168.1.20:6801']);
    expect([...allowedHosts('NAS.local', 80)].sort()).toEqual(['nas.local', 'nas.local:80']);
  });

  it('on every address: this machine\'s addresses and name, and loopback', () => {
    const hosts = allowedHosts('0.0.0.0', 6801);
    expect(hosts.has('127.0.0.1:6801')).toBe(true);
    expect(hosts.has(`${hostname().toLowerCase()}:6801`)).toBe(true);
    expect(hosts.has('evil.example:6801')).toBe(false);
  });
});

describe('the token', () => {
  it('is read from its cookie or a Bearer header, and must match whole', () => {
    expect(cookieValue('a=1; haul-token-6801=abc; b=2', 'haul-token-6801')).toBe('abc');
    expect(cookieValue('haul-token-6802=abc', 'haul-token-6801')).toBeUndefined();
    expect(cookieValue('haul-token-6801=%E0%A4%A', 'haul-token-6801')).toBeUndefined();
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('ab', 'abc')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
  });
});
