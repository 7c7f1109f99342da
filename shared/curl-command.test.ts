import { describe, expect, it } from 'vitest';
import { isCurlCommand, parseCurlCommand } from './curl-command';
import { shellWords } from './shell-words';

describe('a pasted curl command', () => {
  it("reads Chrome's Copy as cURL (bash): URL, headers, cookies; drops what describes the request only", () => {
    const text = `curl 'https://cdn.example.com/files/big.iso?sig=a%2Fb&exp=1' \\
  -H 'accept: text/html,application/xhtml+xml' \\
  -H 'accept-language: en-GB,en;q=0.9' \\
  -b 'session=abc123; theme=dark' \\
  -H 'referer: https://example.com/downloads' \\
  -H 'sec-fetch-mode: navigate' \\
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64)' \\
  -H 'accept-encoding: gzip, deflate, br' \\
  -H 'range: bytes=0-' \\
  --compressed`;
    expect(isCurlCommand(text)).toBe(true);
    expect(parseCurlCommand(text)).toEqual({
      ok: true,
      url: 'https://cdn.example.com/files/big.iso?sig=a%2Fb&exp=1',
      headers: {
        accept: 'text/html,application/xhtml+xml',
        'accept-language': 'en-GB,en;q=0.9',
        referer: 'https://example.com/downloads',
        'sec-fetch-mode': 'navigate',
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)',
        cookie: 'session=abc123; theme=dark',
      },
    });
  });

  it("reads $'…' quoting, with the escapes Chrome writes for odd bytes", () => {
    const r = parseCurlCommand(`curl $'https://h/a\\'b.bin' -H $'cookie: n=caf\\u00e9\\x21'`);
    expect(r).toEqual({ ok: true, url: "https://h/a'b.bin", headers: { cookie: 'n=café!' } });
  });

  it("reads Chrome's Copy as cURL (cmd): ^ escapes and continuations", () => {
    const text = 'curl ^"https://h/get?a=1^&b=^%^41^" ^\r\n  -H ^"accept: */*^" ^\r\n  -H ^"cookie: x=^\\^"y^\\^"^" ^\r\n  --compressed';
    expect(parseCurlCommand(text)).toEqual({ ok: true, url: 'https://h/get?a=1&b=%41', headers: { accept: '*/*', cookie: 'x="y"' } });
  });

  it('puts -u credentials in the address, takes -o as the name, -A and -e as headers, --url and --header=', () => {
    expect(parseCurlCommand('curl -L -u ann:s3cret -o disk.img -A Agent/1 -e https://r/ --header=X-Token:\\ t1 --url https://h/f')).toEqual({
      ok: true,
      url: 'https://ann:s3cret@h/f',
      name: 'disk.img',
      headers: { 'user-agent': 'Agent/1', referer: 'https://r/', 'x-token': 't1' },
    });
    expect(parseCurlCommand('curl --connect-timeout 5 -m 60 https://h/a -r 0-99')).toEqual({ ok: true, url: 'https://h/a', headers: {} });
  });

  it('refuses, saying why, what is not a plain download', () => {
    expect(parseCurlCommand("curl 'https://h/api' --data-raw '{\"a\":1}'")).toEqual({ ok: false, error: 'it sends data (--data-raw): Haul downloads with GET' });
    expect(parseCurlCommand('curl -X POST https://h/x')).toEqual({ ok: false, error: 'it sends a POST request: Haul downloads with GET' });
    expect(parseCurlCommand('curl -I https://h/x')).toEqual({ ok: false, error: 'it asks for the headers only (-I)' });
    expect(parseCurlCommand('curl -b cookies.txt https://h/x')).toEqual({ ok: false, error: '-b cookies.txt reads cookies from a file; paste the cookies themselves' });
    expect(parseCurlCommand('curl -H "a: b"')).toEqual({ ok: false, error: 'the command has no URL' });
    expect(parseCurlCommand("curl 'https://h/x")).toEqual({ ok: false, error: "a quote (') is never closed" });
    expect(isCurlCommand('https://h/curl x')).toBe(false);
  });
});

describe('shell words', () => {
  it('never expands anything', () => {
    expect(shellWords('echo $HOME `id` "$(id)" *')).toEqual({ ok: true, words: ['echo', '$HOME', '`id`', '$(id)', '*'] });
  });
});
