import net from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseFileName } from './choose-file-name';

const url = 'https://example.com/path/from-url.bin';

describe('chooseFileName: order', () => {
  it('prefers the name the user asked for', () => {
    const name = chooseFileName({ requested: 'My Name.bin', contentDisposition: 'attachment; filename=x.zip', finalUrl: url });
    expect(name).toBe('My Name.bin');
  });

  it('sanitizes the requested name but lets it keep a leading dot', () => {
    expect(chooseFileName({ requested: '../../x.txt', finalUrl: url })).toBe('x.txt');
    expect(chooseFileName({ requested: '.env', finalUrl: url })).toBe('.env');
  });

  it('falls through an unusable requested name', () => {
    for (const requested of ['', '   ', '..', null]) {
      expect(chooseFileName({ requested, contentDisposition: 'attachment; filename=cd.zip', finalUrl: url })).toBe('cd.zip');
    }
  });

  it('uses Content-Disposition before the URL, sanitized', () => {
    expect(chooseFileName({ contentDisposition: 'attachment; filename=cd.zip', finalUrl: url })).toBe('cd.zip');
    expect(chooseFileName({ contentDisposition: 'attachment; filename="../../etc/passwd"', finalUrl: url })).toBe('passwd');
  });

  it('undoes escapes in a quoted name before stripping a directory part', () => {
    const at = (contentDisposition: string): string => chooseFileName({ contentDisposition, finalUrl: url });
    // A backslash in quotes escapes the next char; taken as a separator it would cut the name.
    expect(at('attachment; filename="f\\oo.html"')).toBe('foo.html');
    expect(at('attachment; filename="\\\\server\\\\share\\\\report.pdf"')).toBe('report.pdf');
    expect(at('attachment; filename=..\\..\\x.txt')).toBe('x.txt');
  });

  it('falls back to the URL when the header names nothing usable', () => {
    for (const contentDisposition of ['attachment', 'attachment; filename=".."', 'inline', 'attachment; name="field.txt"', '', null]) {
      expect(chooseFileName({ contentDisposition, finalUrl: url })).toBe('from-url.bin');
    }
  });

  it('falls back to "download" with an extension from Content-Type', () => {
    const at = (contentType: string | null): string => chooseFileName({ finalUrl: 'https://h/', contentType });
    expect(at('text/html; charset=utf-8')).toBe('download.html');
    expect(at('application/zip')).toBe('download.zip');
    expect(at('APPLICATION/JSON')).toBe('download.json');
    expect(at('application/pdf')).toBe('download.pdf');
    expect(at('application/octet-stream')).toBe('download');
    expect(at('x-unknown/thing')).toBe('download');
    expect(at('constructor')).toBe('download');
    expect(at(null)).toBe('download');
  });

  it('never returns an empty name', () => {
    expect(chooseFileName({ requested: '\u202e', contentDisposition: 'attachment; filename=""', finalUrl: 'data:,x' })).toBe(
      'download',
    );
  });
});

describe('chooseFileName: extensions for URL names', () => {
  const at = (finalUrl: string, contentType: string): string => chooseFileName({ finalUrl, contentType });

  it('adds the Content-Type extension to a URL name without one', () => {
    expect(at('https://h/api/export', 'application/json')).toBe('export.json');
    expect(at('https://h/releases/tool-linux', 'application/octet-stream')).toBe('tool-linux');
  });

  it('replaces a script extension when the URL is a generator', () => {
    expect(at('https://h/download.php?id=7', 'application/zip')).toBe('download.zip');
    expect(at('https://h/download.php', 'text/plain')).toBe('download.php');
    expect(at('https://h/file.zip?sig=abc', 'application/zip')).toBe('file.zip');
    expect(at('https://h/file.exe?sig=abc', 'text/plain')).toBe('file.exe');
    expect(at('https://h/backup.tgz?x=1', 'application/gzip')).toBe('backup.tgz');
  });

  it('leaves a Content-Disposition name as the server wrote it', () => {
    const name = chooseFileName({ contentDisposition: 'attachment; filename=README', finalUrl: url, contentType: 'text/plain' });
    expect(name).toBe('README');
  });
});

describe('chooseFileName over real HTTP (raw header bytes through undici)', () => {
  let server: net.Server;
  let base = '';
  // Each path answers with a Content-Disposition made of exactly these bytes.
  const headers: Record<string, Buffer> = {
    '/raw-utf8': Buffer.from('attachment; filename="naïve 报告.txt"', 'utf8'),
    '/raw-latin1': Buffer.from('attachment; filename="caf\u00e9.txt"', 'latin1'),
    '/gbk': Buffer.from("attachment; filename=\"fallback.txt\"; filename*=GBK''%D6%D0%CE%C4.txt", 'latin1'),
    // Escaped backslashes: the name really is `..\..\Windows\CON.txt`.
    '/hostile': Buffer.from('attachment; filename="..\\\\..\\\\Windows\\\\CON.txt"', 'latin1'),
    // Bare backslashes in quotes are escapes of the letters after them, not separators.
    '/escapes': Buffer.from('attachment; filename="C:\\Users\\Public\\f\\oo.txt"', 'latin1'),
  };

  beforeAll(async () => {
    server = net.createServer((socket) => {
      socket.once('data', (chunk) => {
        const path = /^GET (\S+)/.exec(chunk.toString('latin1'))?.[1] ?? '/';
        const cd = headers[path] ?? Buffer.from('attachment');
        socket.end(
          Buffer.concat([
            Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\nContent-Disposition: '),
            cd,
            Buffer.from('\r\n\r\nok'),
          ]),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function nameFor(path: string): Promise<string> {
    const res = await request(base + path, { headersTimeout: 5_000, bodyTimeout: 5_000 });
    await res.body.dump();
    const cd = res.headers['content-disposition'];
    return chooseFileName({ contentDisposition: Array.isArray(cd) ? cd[0] : cd, finalUrl: base + path });
  }

  it.each([
    ['/raw-utf8', 'naïve 报告.txt'],
    ['/raw-latin1', 'café.txt'],
    ['/gbk', '中文.txt'],
    ['/hostile', 'CON_.txt'],
    ['/escapes', 'C_UsersPublicfoo.txt'],
  ])('%s → %s', async (path, expected) => {
    expect(await nameFor(path)).toBe(expected);
  }, 10_000);
});
