// The Content-Disposition cases of Chromium's net/http/http_content_disposition_unittest.cc (its
// `Filename` table and the tc2231 suite it carries, http://greenbytes.de/tech/tc2231/), transcribed
// as data: the header bytes and the name Chromium's parser finds ('' for none). Haul's parser must
// find the same name, except where a row says Haul deliberately differs, and why.
//
// Transcription: a C string's `\xNN` byte is the JS char `\xNN` (undici hands headers over as latin1,
// one char per byte); Chromium's expected wide strings become JS strings. Haul normalizes to NFC in
// the sanitizer, so results are compared in NFC (Chromium normalizes filename* itself). Chromium's
// rows guarded by `#if 0` or ICU_SHOULD_FAIL_CONVERSION_ON_INVALID_CHARACTER are not active there
// and are left out. Chromium's referrer charset (the linking page's) has no equivalent in Haul.
//
// After the parser the paths part: Chromium turns `/` and `\` into `_` (`/foo.html` is saved as
// `_foo.html`) and sanitizes for the system it runs on; Haul drops the directory part (`foo.html`)
// and sanitizes for Windows, macOS and Linux at once (DESIGN.md), so a name from a Linux download
// still opens on Windows. test/engine/naming-and-limits.test.ts checks a few rows end to end.
import { describe, expect, it } from 'vitest';
import { parseContentDispositionFilename } from './content-disposition';

interface BrowserCase {
  header: string;
  /** What Chromium's HttpContentDisposition::filename() returns; '' when it finds no name. */
  chromium: string;
  /** Only where Haul deliberately differs: what Haul finds instead, and why. */
  haul?: { name: string; why: string };
}

const same = (header: string, chromium: string): BrowserCase => ({ header, chromium });
const differs = (header: string, chromium: string, name: string, why: string): BrowserCase => ({
  header,
  chromium,
  haul: { name, why },
});

const KEEP_INVALID_WORD = 'an invalid encoded word is kept as written instead of discarding the whole name';
const KEEP_BAD_PERCENT = 'percent escapes that do not decode to UTF-8 are kept as written instead of discarding the whole name';
const RAW_FILENAME_STAR = 'raw bytes in filename* are decoded with its charset instead of discarding it';
const SKIP_VALUELESS = 'a parameter without a value is skipped, not the end of parsing';

// HttpContentDispositionTest.Filename
const chromiumFilenameTable: BrowserCase[] = [
  same('inline; filename="abcde.pdf"', 'abcde.pdf'),
  same('attachment; filename=abcde.pdf', 'abcde.pdf'),
  same('attachment; filename=abc,de.pdf', 'abc,de.pdf'),
  same('filename=abcde.pdf', 'abcde.pdf'),
  same('filename= abcde.pdf', 'abcde.pdf'),
  same('filename =abcde.pdf', 'abcde.pdf'),
  same('filename = abcde.pdf', 'abcde.pdf'),
  same('filename\t=abcde.pdf', 'abcde.pdf'),
  same('filename \t\t  =abcde.pdf', 'abcde.pdf'),
  same('inline; filename="abc%20de.pdf"', 'abc de.pdf'),
  // Name values are no longer synonyms for filename.
  same('inline; name="abcde.pdf"', ''),
  same('attachment; name=abcde.pdf', ''),
  same('name=abcde.pdf', ''),
  same('filename="abcdef.pdf', 'abcdef.pdf'),
  // Whitespace: each whitespace char becomes one space.
  same('inline; filename="abc  \t\nde.pdf"', 'abc    de.pdf'),
  same('attachment; filename="%EC%98%88%EC%88%A0%20%EC%98%88%EC%88%A0.jpg"', '\uc608\uc220 \uc608\uc220.jpg'),
  same('attachment; filename="%F0%90%8C%B0%F0%90%8C%B1abc.jpg"', '\u{10330}\u{10331}abc.jpg'),
  same('attachment; filename="%EC%98%88%EC%88%A0 \n%EC%98%88%EC%88%A0.jpg"', '\uc608\uc220  \uc608\uc220.jpg'),
  same('attachment; filename=%E5%B2%A1%E3%80%80%E5%B2%A1.txt', '\u5ca1\u3000\u5ca1.txt'),
  // RFC 2047 with various charsets and Q/B encodings.
  same('attachment; filename="=?EUC-JP?Q?=B7=DD=BD=D13=2Epng?="', '\u82b8\u88533.png'),
  same('attachment; filename==?eUc-Kr?b?v7m8+iAzLnBuZw==?=', '\uc608\uc220 3.png'),
  same('attachment; filename==?utf-8?Q?=E8=8A=B8=E8=A1=93_3=2Epng?=', '\u82b8\u8853 3.png'),
  same('attachment; filename==?utf-8?Q?=F0=90=8C=B0_3=2Epng?=', '\u{10330} 3.png'),
  same('inline; filename="=?iso88591?Q?caf=e9_=2epng?="', 'caf\u00e9 .png'),
  // Whitespace after an encoded word is dropped.
  same('inline; filename="=?iso88591?Q?caf=E9_?= .png"', 'caf\u00e9 .png'),
  same('inline; filename="=?euc-kr?b?v7m8+iAz?= =?ksc5601?q?=BF=B9=BC=FA=2Epng?="', '\uc608\uc220 3\uc608\uc220.png'),
  same('attachment; filename="=?windows-1252?Q?caf=E9?=  =?iso-8859-7?b?4eI=?= .png"', 'caf\u00e9\u03b1\u03b2.png'),
  // Valid raw UTF-8 is UTF-8 whatever the referrer charset (Chromium's rows for "iso-8859-1" and "").
  same('attachment; filename=caf\xc3\xa9.png', 'caf\u00e9.png'),
  differs(
    'attachment; filename=caf\xe5.png',
    'caf\u03b5.png', // with the referrer charset windows-1253
    'caf\u00e5.png',
    'there is no referring page: raw bytes that are not UTF-8 are windows-1252 (DESIGN.md)',
  ),
  // Chromium's failure cases.
  differs('attachment; filename==?iiso88591?Q?caf=EG?=', '', '=?iiso88591?Q?caf=EG?=', KEEP_INVALID_WORD),
  differs('attachment; filename==?iso88591?Q?caf=E3?', '', '=?iso88591?Q?caf=E3?', KEEP_INVALID_WORD),
  differs('attachment; filename==?iso88591?Q?caf=E3?==', '', '=?iso88591?Q?caf=E3?==', KEEP_INVALID_WORD),
  differs('attachment; filename==?iso88591?Q?caf=E3?=?', '', '=?iso88591?Q?caf=E3?=?', KEEP_INVALID_WORD),
  differs('attachment; filename==?iso88591?Q?caf=E3?=?=', '', '=?iso88591?Q?caf=E3?=?=', KEEP_INVALID_WORD),
  differs('attachment; filename==?windows-1252?Q?=63=61=E?=', '', '=?windows-1252?Q?=63=61=E?=', KEEP_INVALID_WORD),
  differs('attachment; filename=%EC%98%88%EC%88%A', '', '%EC%98%88%EC%88%A', KEEP_BAD_PERCENT),
  differs('attachment; filename=%B7%DD%BD%D1.png', '', '%B7%DD%BD%D1.png', KEEP_BAD_PERCENT),
  differs(
    'attachment; filename==?windows-1252?Q?caf=E3?==?iso-8859-7?b?4eIucG5nCg==?=',
    '',
    '=?windows-1252?Q?caf=E3?==?iso-8859-7?b?4eIucG5nCg==?=',
    KEEP_INVALID_WORD + ' (two words with no space between are one invalid word)',
  ),

  // RFC 5987 filename*.
  same('attachment; filename*=foo.html', ''),
  same("attachment; filename*=foo'.html", ''),
  same("attachment; filename*=''foo'.html", ''),
  same("attachment; filename*=''foo.html'", ''),
  same('attachment; filename*=\'\'f"oo".html\'', ''),
  same("attachment; filename*=bogus_charset''foo.html'", ''),
  same("attachment; filename*='en'foo.html'", ''),
  same("attachment; filename*=iso-8859-1'en'foo.html", 'foo.html'),
  same("attachment; filename*=utf-8'en'foo.html", 'foo.html'),
  same("attachment; filename*=utf-8'en'%E5%B2%A1%E3%80%80%E5%B2%A1.txt", '\u5ca1\u3000\u5ca1.txt'),
  same("attachment; filename*='es'f\xfa.html'", ''),
  differs("attachment; filename*=iso-8859-1'es'f\xfa.html", '', 'f\u00fa.html', RAW_FILENAME_STAR),
  differs("attachment; filename*=utf-8'es'f\xce\xba.html", '', 'f\u03ba.html', RAW_FILENAME_STAR),
  same("inline; filename*=iso88591''cafe foo.png", 'cafe foo.png'),
  same("attachment; filename*=EUC-JP''%B7%DD%BD%D13%2Epng", '\u82b8\u88533.png'),
  same("attachment; filename*=utf-8''%E8%8A%B8%E8%A1%93%203%2Epng", '\u82b8\u8853 3.png'),
  same("attachment; filename*=utf-8''%F0%90%8C%B0 3.png", '\u{10330} 3.png'),
  same("inline; filename*=Euc-Kr'ko'%BF%B9%BC%FA%2Epng", '\uc608\uc220.png'),
  same("attachment; filename*=windows-1252''caf%E9.png", 'caf\u00e9.png'),
  // Multiple filename, filename*, name parameters.
  same('attachment; name="foo"; filename="bar"', 'bar'),
  same('attachment; filename="bar"; name="foo"', 'bar'),
  same('attachment; filename="bar"; filename*=utf-8\'\'baz', 'baz'),
  // tc2231 filename* cases.
  same("attachment; filename*=iso-8859-1''foo-%E4.html", 'foo-\u00e4.html'), // attwithisofn2231iso
  same("attachment; filename*=UTF-8''foo-%c3%a4-%e2%82%ac.html", 'foo-\u00e4-\u20ac.html'), // attwithfn2231utf8
  same("attachment; filename*=''foo-%c3%a4-%e2%82%ac.html", ''), // attwithfn2231noc
  same("attachment; filename*=UTF-8''foo-a%cc%88.html", 'foo-\u00e4.html'), // attwithfn2231utf8comp
  same("attachment; filename *=UTF-8''foo-%c3%a4.html", ''), // attwithfn2231ws1
  same("attachment; filename*= UTF-8''foo-%c3%a4.html", 'foo-\u00e4.html'), // attwithfn2231ws2
  same("attachment; filename* =UTF-8''foo-%c3%a4.html", 'foo-\u00e4.html'), // attwithfn2231ws3
  differs(
    'attachment; filename*="UTF-8\'\'foo-%c3%a4.html"', // attwithfn2231quot
    '',
    'foo-\u00e4.html',
    'a quoted filename* is read, not discarded: the server plainly names the file',
  ),
  same('attachment; filename="foo-ae.html"; filename*=UTF-8\'\'foo-%c3%a4.html', 'foo-\u00e4.html'), // attfnboth
  same('attachment; filename*=UTF-8\'\'foo-%c3%a4.html; filename="foo-ae.html"', 'foo-\u00e4.html'), // attfnboth2
  same('attachment; foobar=x; filename="foo.html"', 'foo.html'), // attnewandfn
];

// HttpContentDispositionTest.tc2231 (id in the comment)
const tc2231Table: BrowserCase[] = [
  same('inline', ''), // inlonly
  same('"inline"', ''), // inlonlyquoted
  same('inline; filename="foo.html"', 'foo.html'), // inlwithasciifilename
  same('inline; filename="Not an attachment!"', 'Not an attachment!'), // inlwithfnattach
  same('inline; filename="foo.pdf"', 'foo.pdf'), // inlwithasciifilenamepdf
  same('attachment', ''), // attonly
  same('"attachment"', ''), // attonlyquoted
  same('ATTACHMENT', ''), // attonlyucase
  same('attachment; filename="foo.html"', 'foo.html'), // attwithasciifilename
  same('attachment; filename="f\\oo.html"', 'foo.html'), // attwithasciifnescapedchar
  same('attachment; filename="\\"quoting\\" tested.html"', '"quoting" tested.html'), // attwithasciifnescapedquote
  same('attachment; filename="Here\'s a semicolon;.html"', "Here's a semicolon;.html"), // attwithquotedsemicolon
  same('attachment; foo="bar"; filename="foo.html"', 'foo.html'), // attwithfilenameandextparam
  same('attachment; foo="\\"\\\\";filename="foo.html"', 'foo.html'), // attwithfilenameandextparamescaped
  same('attachment; FILENAME="foo.html"', 'foo.html'), // attwithasciifilenameucase
  same('attachment; filename=foo.html', 'foo.html'), // attwithasciifilenamenq
  same('attachment; filename=foo.html ;', 'foo.html'), // attwithasciifilenamenqs
  same('attachment; ;filename=foo', 'foo'), // attemptyparam
  same('attachment; filename=foo bar.html', 'foo bar.html'), // attwithasciifilenamenqws
  differs(
    "attachment; filename='foo.bar'", // attwithfntokensq
    "'foo.bar'",
    'foo.bar',
    'single quotes around a whole token value are a server slip, not part of the name',
  ),
  same('attachment; filename="foo-\xC3\xA4.html"', 'foo-\u00e4.html'), // attwithutf8fnplain
  same('attachment; filename="foo-%41.html"', 'foo-A.html'), // attwithfnrawpctenca
  same('attachment; filename="50%.html"', '50%.html'), // attwithfnusingpct
  same('attachment; filename="foo-%\\41.html"', 'foo-A.html'), // attwithfnrawpctencaq
  same('attachment; name="foo-%41.html"', ''), // attwithnamepct
  same('attachment; filename="foo-%c3%a4-%e2%82%ac.html"', 'foo-\u00e4-\u20ac.html'), // attwithfnrawpctenclong
  same('attachment; filename ="foo.html"', 'foo.html'), // attwithasciifilenamews1
  same('attachment; filename="foo.html"; filename="bar.html"', 'foo.html'), // attwith2filenames
  same('attachment; filename=foo[1](2).html', 'foo[1](2).html'), // attfnbrokentoken
  same('attachment; filename=foo-\xC3\xA4.html', 'foo-\u00e4.html'), // attfnbrokentokenutf
  same('filename=foo.html', 'foo.html'), // attmissingdisposition
  same('x=y; filename=foo.html', 'foo.html'), // attmissingdisposition2
  differs(
    '"foo; filename=bar;baz"; filename=qux', // attmissingdisposition3
    '',
    'qux',
    "a quoted string in a parameter's place is skipped whole, so the real filename after it is found (Firefox's result)",
  ),
  same('filename=foo.html, filename=bar.html', 'foo.html, filename=bar.html'), // attmissingdisposition4
  same('; filename=foo.html', 'foo.html'), // emptydisposition
  differs('inline; attachment; filename=foo.html', '', 'foo.html', SKIP_VALUELESS), // attandinline
  differs('attachment; inline; filename=foo.html', '', 'foo.html', SKIP_VALUELESS), // attandinline2
  differs(
    'attachment; filename="foo.html".txt', // attbrokenquotedfn
    'foo.html".txt',
    'foo.html',
    'a quoted value ends at its closing quote; text after it is dropped',
  ),
  same('attachment; filename="bar', 'bar'), // attbrokenquotedfn2
  differs(
    'attachment; filename=foo"bar;baz"qux', // attbrokenquotedfn3
    'foo"bar;baz"qux',
    'foo"bar',
    'an unquoted value ends at the next `;`, so a stray quote in it cannot swallow the parameters after it',
  ),
  same('attachment; filename=foo.html, attachment; filename=bar.html', 'foo.html, attachment'), // attmultinstances
  same('attachment; foo=foo filename=bar', ''), // attmissingdelim
  same('filename=foo.html; attachment', 'foo.html'), // attreversed
  same('attachment; xfilename=foo.html', ''), // attconfusedparam
  same('attachment; filename="/foo.html"', '/foo.html'), // attabspath
  same('attachment; filename="\\\\foo.html"', '\\foo.html'), // attabspathwin
  same('foobar', ''), // dispext
  same('attachment; example="filename=example.txt"', ''), // dispextbadfn
  same('attachment; foobar=x; filename="foo.html"', 'foo.html'), // attnewandfn
];

// HttpContentDispositionTest.ParseResult and ContainsNul, where they imply a name.
const chromiumOtherCases: BrowserCase[] = [
  same('', ''),
  same('example=x', ''),
  same('attachment; filename=', ''),
  same('attachment; name=', ''),
  same('attachment; filename*=', ''),
  differs('attachment; filename==?utf-8?Q??=', '', '=?utf-8?Q??=', KEEP_INVALID_WORD),
  same("attachment; name=y; filename*=utf-8''foo; name=x", 'foo'),
  same('name=foo\xcc\x88', ''),
  same('filename=x; name=foo\xcc\x88', 'x'),
  same('filename=ab\0c', 'ab\0c'), // Chromium's header and name also end in a NUL; the sanitizer drops NULs
];

/** Haul's parser result as the table states it: NFC (the sanitizer's job in Haul), '' for none. */
function haulFinds(header: string): string {
  return (parseContentDispositionFilename(header) ?? '').normalize('NFC');
}

describe.each([
  ['Chromium Filename table', chromiumFilenameTable],
  ['tc2231 as Chromium runs it', tc2231Table],
  ['Chromium ParseResult and ContainsNul', chromiumOtherCases],
])('Content-Disposition names as browsers find them: %s', (_table, cases) => {
  it.each(cases.map((c) => [JSON.stringify(c.header), c] as const))('%s', (_title, c) => {
    expect(haulFinds(c.header)).toBe((c.haul?.name ?? c.chromium).normalize('NFC'));
  });
});

describe('the deliberate differences', () => {
  const all = [...chromiumFilenameTable, ...tc2231Table, ...chromiumOtherCases];
  it('each really differs from Chromium and gives a reason', () => {
    for (const c of all.filter((x) => x.haul)) {
      expect(c.haul!.name, c.header).not.toBe(c.chromium);
      expect(c.haul!.why.length, c.header).toBeGreaterThan(20);
    }
  });
});
