import { describe, expect, it } from 'vitest';
import { fileNameFromUrl } from './file-name-from-url';

describe('fileNameFromUrl', () => {
  it.each([
    ['https://example.com/files/report.pdf', 'report.pdf'],
    ['https://h/a/b.zip?token=1&x=/y.exe#frag/z.txt', 'b.zip'],
    ['http://h/dir/', 'dir'],
    ['http://h/a//', 'a'],
    ['http://h/', ''],
    ['http://h', ''],
    ['http://h/?file=x.zip', ''],
    ['http://h/na%C3%AFve%20file.txt', 'naïve file.txt'],
    ['http://h/%E9t%E9.txt', 'été.txt'],
    ['http://h/100%zz%.txt', '100%zz%.txt'],
    ['http://h/日本語.txt', '日本語.txt'],
    ['http://h/a+b.txt', 'a+b.txt'],
    // An escaped separator belongs to this one segment and must not become a directory.
    ['http://h/a%2Fb%5Cc.txt', 'a%2Fb%5Cc.txt'],
    ['data:text/plain;base64,aGVsbG8=/x.txt', ''],
    ['about:blank', ''],
    ['not a url/dir/x.bin?q=1', 'x.bin'],
  ])('%s → %j', (url, expected) => {
    expect(fileNameFromUrl(url)).toBe(expected);
  });
});
