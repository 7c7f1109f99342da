import { describe, expect, it } from 'vitest';
import { elideMiddle, extensionOf } from './elide';

const chars = (n: number) => (text: string) => Array.from(text).length <= n;

describe('middle elision of file names', () => {
  it('leaves a name that fits alone', () => {
    expect(elideMiddle('report.pdf', chars(10))).toBe('report.pdf');
  });

  it('cuts the middle, keeps the start, the end of the stem and the extension, and fills the room', () => {
    const out = elideMiddle('ubuntu-24.04.2-desktop-amd64.iso', chars(20));
    expect(out).toBe('ubuntu-24…-amd64.iso');
    expect(Array.from(out)).toHaveLength(20);
  });

  it('keeps two-part archive extensions whole', () => {
    expect(extensionOf('linux-6.9.tar.gz')).toBe('.tar.gz');
    const out = elideMiddle('linux-kernel-source-6.9.12.tar.xz', chars(16));
    expect(out.endsWith('.tar.xz')).toBe(true);
    expect(out).toContain('…');
    expect(Array.from(out)).toHaveLength(16);
  });

  it('treats dotfiles and long tails as names without an extension', () => {
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('download?id=0123456789abcdef')).toBe('');
    expect(extensionOf('README')).toBe('');
  });

  it('never splits a character made of two code units, and gives up gracefully when nothing fits', () => {
    const out = elideMiddle('照片📷📷📷📷📷📷📷📷合集.zip', chars(9));
    expect(out).toBe('照片📷…集.zip');
    expect(elideMiddle('a-very-long-name.zip', chars(2))).toBe('….zip');
  });
});

describe('a row before its file is named', () => {
  it('is called by the last part of its address', async () => {
    const { displayName } = await import('./display-name');
    expect(displayName({ name: null, url: 'https://example.com/pub/My%20File.iso?x=1' })).toBe('My File.iso');
    expect(displayName({ name: null, url: 'https://example.com/' })).toBe('https://example.com/');
    expect(displayName({ name: 'chosen.bin', url: 'https://example.com/a' })).toBe('chosen.bin');
    expect(displayName({ name: null, url: 'https://example.com/%E0%A4%A' })).toBe('https://example.com/%E0%A4%A');
  });
});
