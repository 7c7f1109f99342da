// Generated URL lists mixing good lines, garbage, comments and aria2 option lines: the parser
// never throws, queues every good URL, and accounts for every other line by its number.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUrlList } from './url-list';

type Line = { kind: 'good'; text: string } | { kind: 'skip'; text: string } | { kind: 'other'; text: string };

const good = fc
  .tuple(fc.constantFrom('http', 'https', 'HTTP'), fc.domain(), fc.webPath(), fc.constantFrom('', '?a=1', '#frag'))
  .map(([scheme, host, path, tail]): Line => ({ kind: 'good', text: `${scheme}://${host}${path}${tail}` }));
const skipped = fc.oneof(
  fc.constantFrom('', '   ', '\t'),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `# ${s.replace(/[\r\n]/g, '')}`),
).map((text): Line => ({ kind: 'skip', text }));
const garbage = fc
  .oneof(
    fc.constantFrom('ftp://example.com/x', 'javascript:alert(1)', 'data:text/plain,hi', 'example', 'http://', 'http:// spaced.example/',
      'out=name.bin', '  out=orphan.bin', '  header=Bad', '\u0000\u0001binary', 'file:///etc/passwd', 'https://exa mple.com/'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
    fc.string({ minLength: 5000, maxLength: 6000 }),
  )
  .map((text): Line => ({ kind: 'other', text: text.replace(/[\r\n\u2028\u2029]/g, ' ') }))
  .filter((l) => l.text.trim() !== '' && !l.text.trim().startsWith('#'));

const lines = fc.array(fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: skipped }, { weight: 2, arbitrary: garbage }), { maxLength: 60 });

describe('URL lists with generated garbage', () => {
  it('queue every good line and name every other one by its number, never throwing', () => {
    fc.assert(
      fc.property(lines, fc.constantFrom('\n', '\r\n'), (list, eol) => {
        const { entries, rejected } = parseUrlList(list.map((l) => l.text).join(eol));
        const queued = new Set(entries.map((e) => e.line));
        const refused = new Set(rejected.map((r) => r.line));
        list.forEach((l, i) => {
          const n = i + 1;
          if (l.kind === 'good') expect(queued.has(n), `good line ${n} ${l.text}`).toBe(true);
          if (l.kind === 'skip') expect(queued.has(n) || refused.has(n), `skipped line ${n}`).toBe(false);
          // An indented option line under a rejected URL is dropped quietly (the URL says why).
          const quietOption = /^\s+\w+=/.test(l.text) && list.slice(0, i).some((p) => p.kind !== 'skip');
          if (l.kind === 'other' && !quietOption) expect(queued.has(n) || refused.has(n), `line ${n} ${JSON.stringify(l.text.slice(0, 40))}`).toBe(true);
          expect(queued.has(n) && refused.has(n), `line ${n} both queued and rejected`).toBe(false);
        });
        for (const e of entries) expect(() => new URL(e.url)).not.toThrow();
        for (const e of entries) expect(/^https?:$/.test(new URL(e.url).protocol)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
