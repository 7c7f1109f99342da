// The dialog's option fields as typed, to what jobs.add receives.
import { describe, expect, it } from 'vitest';
import { EMPTY_FIELDS, readOptions } from './read-options';

describe('readOptions', () => {
  it('reads speeds, headers, cookies, mirrors and leaves empty fields out', () => {
    const r = readOptions(
      { ...EMPTY_FIELDS, dir: ' /srv/media ', connections: '4', speedLimit: '2M', headers: 'Referer: https://a.example/\n\nX-Token:  abc ', cookies: 'Cookie: s=1; t=2', mirrors: 'https://m1.example/x\n https://m2.example/x ', paused: true, extract: true },
      { needFullPath: true },
    );
    expect(r).toEqual({
      ok: true,
      options: { dir: '/srv/media', connections: 4, speedLimit: 2 * 1024 * 1024, headers: { Referer: 'https://a.example/', 'X-Token': 'abc', Cookie: 's=1; t=2' }, mirrors: ['https://m1.example/x', 'https://m2.example/x'], paused: true, extract: true },
    });
    expect(readOptions(EMPTY_FIELDS, { needFullPath: true })).toEqual({ ok: true, options: {} });
  });

  it('names the field that is wrong: a relative folder in a browser, a speed, a header line', () => {
    expect(readOptions({ ...EMPTY_FIELDS, dir: 'Downloads' }, { needFullPath: true })).toEqual({ ok: false, problem: { field: 'dir', key: 'fields.folderRelative' } });
    expect(readOptions({ ...EMPTY_FIELDS, dir: 'Downloads' }, { needFullPath: false })).toMatchObject({ ok: true, options: { dir: 'Downloads' } });
    expect(readOptions({ ...EMPTY_FIELDS, dir: 'C:\\Users\\ann' }, { needFullPath: true })).toMatchObject({ ok: true });
    expect(readOptions({ ...EMPTY_FIELDS, speedLimit: 'fast' }, { needFullPath: false })).toEqual({ ok: false, problem: { field: 'speedLimit', key: 'fields.speedInvalid' } });
    expect(readOptions({ ...EMPTY_FIELDS, headers: 'Referer: x\nno colon here' }, { needFullPath: false })).toEqual({ ok: false, problem: { field: 'headers', key: 'fields.headersInvalid', line: 2 } });
  });
});
