// Notes are data the clients put in words; stored as JSON, while an older version's plain text stays as it was.
import { describe, expect, it } from 'vitest';
import { noteText, parseNote, sameNote, type JobNote, type RestartCause } from './job-note';

const CAUSES: RestartCause[] = [
  { why: 'rangeIgnored' },
  { why: 'rangeRefused' },
  { why: 'changed', what: 'etag', before: '"a"', after: '"b"' },
  { why: 'changed', what: 'lastModified', before: 'Mon', after: 'Tue' },
  { why: 'changed', what: 'size', before: '100', after: '200' },
  { why: 'unexpectedStatus', status: 302 },
  { why: 'noContentRange' },
  { why: 'wrongStart', got: 0, want: 1000 },
  { why: 'notResumable' },
  { why: 'partMissing' },
  { why: 'partShort' },
];

const NOTES: JobNote[] = [
  ...CAUSES.map((cause) => ({ kind: 'restarted' as const, cause })),
  { kind: 'throttled', status: 503 },
  { kind: 'addressChanged', url: 'https://ann:***@example.com/f.iso' },
  { kind: 'mirror', from: 'https://a.example/f', to: 'https://b.example/f', error: { code: 'HAUL_E_HTTP_STATUS', message: 'HTTP 410 Gone', httpStatus: 410 } },
  { kind: 'extractSkipped', entries: 1204, skipped: 3 },
  { kind: 'notExtracted', error: { code: 'HAUL_E_ARCHIVE_UNSUPPORTED', message: 'Not an archive Haul can open.' } },
  { kind: 'text', text: 'restarted from byte 0: server ignored Range' },
];

describe('job notes', () => {
  it('say every kind in English for the CLI and the log, with its values', () => {
    const texts = NOTES.map(noteText);
    expect(new Set(texts).size).toBe(NOTES.length);
    for (const t of texts) expect(t).toMatch(/\w/);
    expect(noteText({ kind: 'restarted', cause: { why: 'wrongStart', got: 0, want: 1000 } })).toBe('Restarted from zero: the server sent bytes from 0 instead of 1000.');
    expect(noteText({ kind: 'throttled', status: 429 })).toBe('The server answered 429; using fewer connections to it.');
    expect(noteText(NOTES.find((n) => n.kind === 'mirror')!)).toBe('https://a.example/f failed (HTTP 410 Gone); continuing from the mirror https://b.example/f.');
  });

  it('come back from their stored JSON as they went in', () => {
    for (const n of NOTES) expect(parseNote(JSON.stringify(n))).toEqual(n);
    expect(parseNote(null)).toBeNull();
  });

  it('read an older version’s plain text as it was, even text that looks like JSON', () => {
    expect(parseNote('Restarted from zero: the partial file was missing.')).toEqual({ kind: 'text', text: 'Restarted from zero: the partial file was missing.' });
    expect(parseNote('{not json')).toEqual({ kind: 'text', text: '{not json' });
    expect(parseNote('{"kind":"explode"}')).toEqual({ kind: 'text', text: '{"kind":"explode"}' });
    expect(parseNote('{"a":1}')).toEqual({ kind: 'text', text: '{"a":1}' });
  });

  it('are the same note when their data is, whatever the object', () => {
    expect(sameNote({ kind: 'throttled', status: 503 }, { kind: 'throttled', status: 503 })).toBe(true);
    expect(sameNote({ kind: 'throttled', status: 503 }, { kind: 'throttled', status: 429 })).toBe(false);
    expect(sameNote(null, null)).toBe(true);
    expect(sameNote({ kind: 'throttled', status: 503 }, null)).toBe(false);
  });
});
