import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from './args';

describe('haul serve arguments', () => {
  it('default to port 6801 on loopback with the kept token', () => {
    expect(parseCommand(['serve'])).toEqual({ kind: 'serve', options: { port: 6801, host: '127.0.0.1', token: null } });
    expect(parseCommand(['serve', '--port', '8080', '--host', '0.0.0.0', '--token', 'abcdefghijklmnop'])).toEqual({
      kind: 'serve',
      options: { port: 8080, host: '0.0.0.0', token: 'abcdefghijklmnop' },
    });
    expect(parseCommand(['serve', '--help']).kind).toBe('help');
  });

  it('refuse a bad port, a short or odd token, and arguments', () => {
    for (const args of [['--port', '70000'], ['--port', 'x'], ['--token', 'short'], ['--token', 'has spaces in it, sixteen+'], ['extra'], ['--host', '']]) {
      expect(() => parseCommand(['serve', ...args]), args.join(' ')).toThrow(UsageError);
    }
  });
});
