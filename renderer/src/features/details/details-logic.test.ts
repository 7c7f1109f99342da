import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SegmentSnapshot } from '../../../../shared/models/job';
import type { JobEvent } from '../../../../shared/models/job-row';
import { say, type Translate } from '../../job-words/words';
import { eventDetails, newestFirst } from './history';
import { connectionLines, mapSize, segmentBoxes } from './segment-map';
import { DETAILS_STRINGS } from './strings';

const seg = (start: number, end: number | null, received: number, active = false, speed = 0): SegmentSnapshot => ({ start, end, received, active, speed });

describe('segment map geometry', () => {
  it('lays each segment where it lies in the file, with what has arrived', () => {
    const boxes = segmentBoxes([seg(0, 500, 500), seg(500, 750, 100, true), seg(750, 1000, 0)], 1000, 200);
    expect(boxes).toEqual([
      { x: 0, width: 100, done: 100, live: false },
      { x: 100, width: 50, done: 20, live: true },
      { x: 150, width: 50, done: 0, live: false },
    ]);
  });

  it('leaves no gap or overlap between neighbours whatever the rounding', () => {
    const segs = Array.from({ length: 7 }, (_, i) => seg(i * 1431, i === 6 ? 10_000 : (i + 1) * 1431, 10));
    const boxes = segmentBoxes(segs, 10_000, 333);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.x).toBe(boxes[i - 1]!.x + boxes[i - 1]!.width);
    expect(boxes.at(-1)!.x + boxes.at(-1)!.width).toBe(333);
  });

  it('shows at least a pixel of a segment that has started, never more than the segment', () => {
    const [tiny] = segmentBoxes([seg(0, 1_000_000, 10, true)], 1_000_000, 100);
    expect(tiny!.done).toBe(1);
    const [over] = segmentBoxes([seg(0, 100, 150)], 100, 100);
    expect(over!.done).toBe(100);
  });

  it('measures by the furthest segment while the total is unknown, and draws nothing without a size', () => {
    expect(mapSize([seg(0, 300, 0), seg(300, 900, 0)], null)).toBe(900);
    expect(mapSize([seg(0, null, 40)], null)).toBeNull();
    expect(segmentBoxes([seg(0, null, 40, true)], null, 100)).toEqual([]);
  });

  it('lists each connection with its speed and what it is doing', () => {
    expect(connectionLines([seg(0, 10, 10, false, 9), seg(10, 20, 3, true, 42), seg(20, 30, 0)])).toEqual([
      { index: 1, start: 0, end: 10, received: 10, speed: 0, state: 'done' },
      { index: 2, start: 10, end: 20, received: 3, speed: 42, state: 'active' },
      { index: 3, start: 20, end: 30, received: 0, speed: 0, state: 'waiting' },
    ]);
  });
});

describe('history', () => {
  let en: i18n;
  let zh: i18n;
  beforeAll(async () => {
    const make = async (lng: string): Promise<i18n> => {
      const inst = i18next.createInstance();
      await inst.init({ lng, resources: { en: { d: DETAILS_STRINGS.en }, 'zh-CN': { d: DETAILS_STRINGS['zh-CN'] } }, defaultNS: 'd', interpolation: { escapeValue: false } });
      return inst;
    };
    en = await make('en');
    zh = await make('zh-CN');
  });
  /** The event's words in each language, as the tab says them. */
  const both = (e: JobEvent): [string, string] => {
    const { words } = eventDetails(e);
    if (!words) return ['', ''];
    return [say(en.t.bind(en) as Translate, words), say(zh.t.bind(zh) as Translate, words)];
  };

  it('lists the newest first, and the later of two events at the same time first', () => {
    const ev = (at: number, subject: string): JobEvent => ({ at, kind: 'note', subject });
    expect(newestFirst([ev(1, 'added'), ev(5, 'started'), ev(5, 'retry'), ev(3, 'x')]).map((e) => e.subject)).toEqual(['retry', 'started', 'x', 'added']);
  });

  it('says a retry’s cause and which try of how many, with the code and the engine’s message apart', () => {
    const retry: JobEvent = { at: 1, kind: 'retry', error: { code: 'HAUL_E_NETWORK', message: 'read ECONNRESET' }, retry: { attempt: 2, maxTries: 5 } };
    expect(both(retry)).toEqual(['Connection failed · try 2 of 5', '连接失败 · 第 2 次尝试（共 5 次）']);
    expect(eventDetails(retry)).toMatchObject({ subject: null, code: 'HAUL_E_NETWORK', title: 'read ECONNRESET' });
    expect(both({ at: 1, kind: 'retry', retry: { attempt: 3, maxTries: 3 } })).toEqual(['Try 3 of 3', '第 3 次尝试（共 3 次）']);
  });

  it('says a failure in plain words, an HTTP status with its phrase', () => {
    const failed: JobEvent = { at: 1, kind: 'failed', error: { code: 'HAUL_E_HTTP_STATUS', message: 'HTTP 403 from example.com', httpStatus: 403 } };
    expect(both(failed)).toEqual(['HTTP 403 Forbidden', 'HTTP 403 拒绝访问']);
    expect(eventDetails(failed)).toMatchObject({ code: 'HAUL_E_HTTP_STATUS', title: 'HTTP 403 from example.com' });
    expect(both({ at: 1, kind: 'paused', error: { code: 'HAUL_E_DISK_FULL', message: 'ENOSPC' } })).toEqual(['Disk full', '磁盘空间已满']);
  });

  it('says a note in the UI language, an old one as it was written', () => {
    const note: JobEvent = { at: 1, kind: 'note', note: { kind: 'throttled', status: 429 } };
    expect(both(note)).toEqual(['The server answered 429; using fewer connections to it.', '服务器返回了 429，已减少与它的连接数。']);
    expect(eventDetails(note)).toMatchObject({ code: null, title: null });
    const mirror: JobEvent = { at: 1, kind: 'note', note: { kind: 'mirror', from: 'https://a/x', to: 'https://b/x', error: { code: 'HAUL_E_TIMEOUT', message: 'timed out after 30 s' } } };
    expect(both(mirror)[1]).toBe('从 https://a/x 下载失败（连接超时），已改用备用地址 https://b/x 继续下载。');
    expect(eventDetails(mirror).title).toBe('timed out after 30 s');
    expect(both({ at: 1, kind: 'note', note: { kind: 'text', text: 'Resumed at 40 MiB.' } })).toEqual(['Resumed at 40 MiB.', 'Resumed at 40 MiB.']);
  });

  it('shows a subject as it is, in any language', () => {
    const added: JobEvent = { at: 1, kind: 'added', subject: 'https://user:***@example.com/a.iso' };
    expect(eventDetails(added)).toEqual({ subject: 'https://user:***@example.com/a.iso', words: null, code: null, title: null });
    expect(eventDetails({ at: 1, kind: 'verifying', subject: 'sha256' }).subject).toBe('sha256');
  });
});
