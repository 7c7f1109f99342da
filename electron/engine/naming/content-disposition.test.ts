import { create, parse } from 'content-disposition';
import { describe, expect, it } from 'vitest';
import { parseContentDispositionFilename } from './content-disposition';

/** What undici hands over when the server sends `text` as raw UTF-8 bytes. */
const wire = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

const cases: [title: string, header: string, expected: string | null][] = [
  // Well-formed
  ['quoted', 'attachment; filename="foo.html"', 'foo.html'],
  ['token', 'attachment; filename=foo.html', 'foo.html'],
  ['inline keeps its name', 'inline; filename="report.pdf"', 'report.pdf'],
  ['case-insensitive names', 'ATTACHMENT; FILENAME="Foo.TXT"', 'Foo.TXT'],
  ['filename* UTF-8', "attachment; filename*=UTF-8''na%C3%AFve%20file.txt", 'naïve file.txt'],
  ['filename* wins when after', 'attachment; filename="fb.txt"; filename*=UTF-8\'\'%E2%82%AC%20rates.txt', '€ rates.txt'],
  ['filename* wins when before', "attachment; filename*=UTF-8''%E2%82%AC.txt; filename=\"fb.txt\"", '€.txt'],
  ['filename* with language', "attachment; filename*=utf-8'ja'%E6%97%A5%E6%9C%AC.txt", '日本.txt'],
  ['filename* ISO-8859-1', "attachment; filename*=iso-8859-1'en'%A3%20rates.txt", '£ rates.txt'],
  ['filename* latin1 é', "attachment; filename*=ISO-8859-1''caf%E9.txt", 'café.txt'],
  ['filename* windows-1252 €', "attachment; filename*=windows-1252''%80uro.txt", '€uro.txt'],
  ['filename* GBK', "attachment; filename*=GBK''%D6%D0%CE%C4.txt", '中文.txt'],
  ['filename* gb2312 label', "attachment; filename*=gb2312''%D6%D0%CE%C4.txt", '中文.txt'],
  ['filename* Shift_JIS', "attachment; filename*=Shift_JIS''%93%FA%96%7B.txt", '日本.txt'],
  ['filename* Big5', "attachment; filename*=big5''%A4%A4%A4%E5.txt", '中文.txt'],
  ['filename* windows-1251', "attachment; filename*=windows-1251''%CF%F0%E8%E2%E5%F2.doc", 'Привет.doc'],
  ['quoted filename* (lenient)', 'attachment; filename*="UTF-8\'\'quoted%20ext.txt"', 'quoted ext.txt'],
  ['unknown charset falls back', "attachment; filename*=x-bogus''foo.txt; filename=\"fb.txt\"", 'fb.txt'],
  ['invalid UTF-8 falls back', "attachment; filename*=UTF-8''%FF%FE.txt; filename=\"fb.txt\"", 'fb.txt'],
  ['filename* without charset falls back', 'attachment; filename*=plain.txt; filename=fb.txt', 'fb.txt'],
  ['empty filename* falls back', "attachment; filename*=UTF-8''; filename=fb.txt", 'fb.txt'],

  // Malformed, yet browsers find the name
  ['unquoted with spaces', 'attachment; filename=my file.pdf', 'my file.pdf'],
  ['unterminated quote', 'attachment; filename="unterminated.pdf', 'unterminated.pdf'],
  ['spaces around =', 'attachment; filename = "spaced.txt" ', 'spaced.txt'],
  ['; inside quotes', 'attachment;filename="a;b.txt"', 'a;b.txt'],
  ['escaped quotes', 'attachment; filename="say \\"hi\\".txt"', 'say "hi".txt'],
  ['escaped backslash', 'attachment; filename="a\\\\b.txt"', 'a\\b.txt'],
  ['any escaped char in quotes', 'attachment; filename="f\\oo.html"', 'foo.html'],
  ['escaped percent still decodes', 'attachment; filename="foo-%\\41.html"', 'foo-A.html'],
  ['a backslash in quotes is an escape, not a separator', 'attachment; filename="C:\\Users\\me\\file.txt"', 'C:Usersmefile.txt'],
  ['unquoted backslashes stay for the sanitizer', 'attachment; filename=dir\\file.txt', 'dir\\file.txt'],
  ['repeated: first wins', 'attachment; filename="first.txt"; filename="second.txt"', 'first.txt'],
  ['repeated: empty first is skipped', 'attachment; filename=""; filename="second.txt"', 'second.txt'],
  ['no disposition type', 'filename="nodisposition.txt"', 'nodisposition.txt'],
  ['unknown disposition type', 'foo; filename=unknowntype.txt', 'unknowntype.txt'],
  ['missing semicolon', 'attachment filename=nosemicolon.txt', 'nosemicolon.txt'],
  ['single quotes', "attachment; filename='single.txt'", 'single.txt'],
  ['stray trailing quote', 'attachment; filename=trailing.txt"', 'trailing.txt'],
  ['junk after closing quote', 'attachment; filename="quoted.txt" junk; size=3', 'quoted.txt'],
  ['filename= inside another quoted param', 'attachment; note="x;filename=evil.txt"; filename=good.txt', 'good.txt'],
  ['valueless params', 'attachment; foo; filename=ok.txt', 'ok.txt'],
  ['a quoted string in a name\'s place is skipped whole', '"foo; filename=bar;baz"; filename=qux', 'qux'],
  ['even with an escaped quote inside', 'attachment; "a\\"; filename=evil.txt"; filename=good.txt', 'good.txt'],
  ['an unclosed one runs to the end', 'attachment; "x; filename=evil.txt', null],
  ['filename beats name', 'form-data; name="field"; filename="real.txt"', 'real.txt'],

  // Raw bytes, as undici decodes them (latin1)
  ['raw UTF-8', `attachment; filename="${wire('naïve.txt')}"`, 'naïve.txt'],
  ['raw UTF-8 CJK', `attachment; filename="${wire('报告 2024.pdf')}"`, '报告 2024.pdf'],
  ['raw UTF-8 unquoted', `attachment; filename=${wire('résumé.pdf')}`, 'résumé.pdf'],
  ['raw latin1 byte', 'attachment; filename="caf\u00e9.txt"', 'café.txt'],
  ['raw windows-1252 byte 0x96', 'attachment; filename="a\u0096b.txt"', 'a–b.txt'],
  ['already-decoded Unicode passes through', 'attachment; filename="日本.txt"', '日本.txt'],

  // Percent-encoded UTF-8 in filename
  ['percent-encoded UTF-8', 'attachment; filename="na%C3%AFve.txt"', 'naïve.txt'],
  ['percent-encoded space', 'attachment; filename=100%25%20sure.txt', '100% sure.txt'],
  ['lone percent kept', 'attachment; filename="50%off.txt"', '50%off.txt'],
  ['percent not UTF-8 kept', 'attachment; filename="bad%FF.txt"', 'bad%FF.txt'],

  // RFC 2047 encoded words
  ['B word', `attachment; filename="=?UTF-8?B?${b64('naïve.txt')}?="`, 'naïve.txt'],
  ['Q word', 'attachment; filename="=?UTF-8?Q?na=C3=AFve_file.txt?="', 'naïve file.txt'],
  ['unquoted Q word', 'attachment; filename==?utf-8?Q?test.png?=', 'test.png'],
  ['adjacent words join', 'attachment; filename="=?ISO-8859-1?Q?caf=E9?= =?ISO-8859-1?Q?.txt?="', 'café.txt'],
  ['space before a word stays', 'attachment; filename="Report =?UTF-8?Q?=C3=A9t=C3=A9?="', 'Report été'],
  ['space after a word goes, even before text', 'attachment; filename="=?UTF-8?Q?=C3=A9t=C3=A9?= 2024.pdf"', 'été2024.pdf'],
  ['each other whitespace char is one space', 'attachment; filename="a \t b.txt"', 'a   b.txt'],
  ['raw UTF-8, percent and a word in one value', `attachment; filename=${wire('foö')} fo%C3%B6 =?UTF-8?Q?f=C3=B6?=`, 'foö foö fö'],
  ['unpadded base64', `attachment; filename="=?UTF-8?B?${b64('été.txt').replace(/=+$/, '')}?="`, 'été.txt'],
  // A malformed encoded word is kept as written, the rest of the value still decodes.
  ['broken base64 kept literally', 'attachment; filename="=?UTF-8?B?!!!?="', '=?UTF-8?B?!!!?='],
  ['impossible base64 length kept literally', 'attachment; filename="=?UTF-8?B?QUJDR?="', '=?UTF-8?B?QUJDR?='],
  ['unknown charset kept literally', 'attachment; filename="=?x-bogus?Q?abc?="', '=?x-bogus?Q?abc?='],
  ['bad Q escape kept literally', 'attachment; filename="=?UTF-8?Q?caf=E?="', '=?UTF-8?Q?caf=E?='],
  ['raw byte in Q kept literally', 'attachment; filename==?UTF-8?Q?a\u00e9?=', '=?UTF-8?Q?a\u00e9?='],
  ['empty word kept literally', 'attachment; filename="=?UTF-8?Q??="', '=?UTF-8?Q??='],
  ['extra char after a word kept literally', 'attachment; filename="=?UTF-8?Q?abc?=="', '=?UTF-8?Q?abc?=='],
  ['word glued to text kept literally', 'attachment; filename="=?UTF-8?Q?=C3=A9t=C3=A9?=.pdf"', '=?UTF-8?Q?=C3=A9t=C3=A9?=.pdf'],
  ['two glued words kept literally', 'attachment; filename="=?UTF-8?Q?a?==?UTF-8?Q?b?="', '=?UTF-8?Q?a?==?UTF-8?Q?b?='],
  ['one bad word among good ones', 'attachment; filename="=?UTF-8?Q?ok?= =?x-bogus?Q?bad?= =?UTF-8?Q?_end?="', 'ok=?x-bogus?Q?bad?=  end'],

  // RFC 2231 continuations
  ['plain continuation', 'attachment; filename*0="long"; filename*1="name.txt"', 'longname.txt'],
  ['encoded continuation', "attachment; filename*0*=UTF-8''na%C3%AF; filename*1*=ve%20; filename*2=\"file.txt\"", 'naïve file.txt'],
  ['continuation out of order', 'attachment; filename*1="name.txt"; filename*0="long"', 'longname.txt'],
  ['continuation without *0 is ignored', 'attachment; filename*1="b.txt"; filename=a.txt', 'a.txt'],
  ['filename* beats continuation', "attachment; filename*=UTF-8''direct.txt; filename*0=cont.txt", 'direct.txt'],

  // Nothing to find
  ['type only', 'attachment', null],
  ['inline only', 'inline', null],
  ['empty header', '', null],
  ['empty value', 'attachment; filename=', null],
  ['blank quoted value', 'attachment; filename="   "', null],
  ['name is not a file name', 'attachment; name="legacy.txt"', null],
  ['name is not a file name, unquoted', 'name=field.txt', null],
];

describe('parseContentDispositionFilename', () => {
  it.each(cases)('%s', (_title, header, expected) => {
    expect(parseContentDispositionFilename(header)).toBe(expected);
  });
});

describe('agreement with the strict content-disposition package on well-formed headers', () => {
  const names = [
    'plain.txt',
    'with space.pdf',
    'naïve café.txt',
    '€ rates.xlsx',
    '日本語のファイル.zip',
    'emoji 😀.png',
    'quote " and \\ backslash.txt',
    'semi;colon.txt',
    'percent %20 literal.txt',
  ];
  it.each(names)('%s', (name) => {
    // Headers as a standards-following server would build them; both parsers must read them back.
    const header = create(name);
    expect(parseContentDispositionFilename(header)).toBe(name);
    expect(parse(header).parameters.filename).toBe(name);
  });
});
