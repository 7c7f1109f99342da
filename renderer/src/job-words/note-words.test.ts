// Every note and every restart cause, said in both languages with the real words: nothing
// missing, nothing left unfilled, Chinese in Chinese; and an old note's text as it was.
import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../../shared/errors';
import type { JobNote, RestartCause } from '../../../shared/models/job-note';
import { errorWords } from '../../../shared/words/error-words';
import { causeWords, noteWords } from './note-words';
import { JOB_WORDS } from './strings';
import { say, type Translate, type Words } from './words';

let en: i18n;
let zh: i18n;

async function make(lng: string): Promise<i18n> {
  const inst = i18next.createInstance();
  await inst.init({ lng, resources: { en: { t: JOB_WORDS.en }, 'zh-CN': { t: JOB_WORDS['zh-CN'] } }, defaultNS: 't', interpolation: { escapeValue: false } });
  return inst;
}

const tOf = (inst: i18n): Translate => inst.t.bind(inst) as Translate;
const both = (w: Words): [string, string] => [say(tOf(en), w), say(tOf(zh), w)];
const HAN = /\p{Script=Han}/u;

beforeAll(async () => {
  en = await make('en');
  zh = await make('zh-CN');
});

const lost: ErrorInfo = { code: 'HAUL_E_NETWORK', message: 'ECONNRESET' };

// One of each kind: a new kind without a sample here fails to compile.
const NOTES: { [K in JobNote['kind']]: Extract<JobNote, { kind: K }> } = {
  restarted: { kind: 'restarted', cause: { why: 'rangeIgnored' } },
  throttled: { kind: 'throttled', status: 503 },
  addressChanged: { kind: 'addressChanged', url: 'https://user:***@example.com/a.iso' },
  mirror: { kind: 'mirror', from: 'https://a.example/x.iso', to: 'https://b.example/x.iso', error: lost },
  extractSkipped: { kind: 'extractSkipped', entries: 1204, skipped: 3 },
  notExtracted: { kind: 'notExtracted', error: { code: 'HAUL_E_ARCHIVE_CORRUPT', message: 'bad header' } },
  text: { kind: 'text', text: 'An old note.' },
};

// Every cause, and each thing that can have changed.
const CAUSES: { [W in RestartCause['why']]: Extract<RestartCause, { why: W }>[] } = {
  rangeIgnored: [{ why: 'rangeIgnored' }],
  rangeRefused: [{ why: 'rangeRefused' }],
  changed: (['etag', 'lastModified', 'size'] as const).map((what) => ({ why: 'changed', what, before: '"a1"', after: '"b2"' })),
  unexpectedStatus: [{ why: 'unexpectedStatus', status: 204 }],
  noContentRange: [{ why: 'noContentRange' }],
  wrongStart: [{ why: 'wrongStart', got: 0, want: 1_048_576 }],
  notResumable: [{ why: 'notResumable' }],
  partMissing: [{ why: 'partMissing' }],
  partShort: [{ why: 'partShort' }],
};

/** Said in full: the key and any reason exist, every value filled in, in the language asked for. */
function expectSaid(w: Words, label: string, chinese = true): void {
  for (const [inst, lng] of [[en, 'en'], [zh, 'zh-CN']] as const) {
    for (let part: Words | undefined = w; part; part = part.reason) expect(inst.exists(part.key, part.values), `${label} ${lng} ${part.key}`).toBe(true);
    const text = say(tOf(inst), w);
    expect(text, `${label} ${lng}`).not.toMatch(/\{\{|\}\}|\$t\(|undefined|NaN/);
    if (chinese) expect(HAN.test(text), `${label} ${lng}: ${text}`).toBe(lng === 'zh-CN');
  }
}

describe('notes in words', () => {
  it.each(Object.values(NOTES).filter((n) => n.kind !== 'text'))('says a $kind note in both languages', (note) => {
    expectSaid(noteWords(note), note.kind);
  });

  it.each(Object.values(CAUSES).flat())('says a restart because of $why in both languages', (cause) => {
    expectSaid(causeWords(cause), cause.why);
    expectSaid(noteWords({ kind: 'restarted', cause }), `restarted ${cause.why}`);
  });

  it('says a restart with its cause inside the sentence', () => {
    expect(both(noteWords(NOTES.restarted))).toEqual([
      'Restarted from zero: the server ignored the byte range and sent the whole file.',
      '已从头重新下载：服务器忽略了分段请求，发来了整个文件。',
    ]);
    expect(both(causeWords({ why: 'changed', what: 'size', before: '1000', after: '2000' }))).toEqual([
      'the file changed on the server (size 1000 → 2000)',
      '服务器上的文件已更改（大小：1000 → 2000）',
    ]);
    expect(both(causeWords(CAUSES.wrongStart[0]!))[0]).toBe('the server sent bytes from 0 instead of 1,048,576');
  });

  it('says why a mirror took over in the language’s own words for the error', () => {
    expect(both(noteWords(NOTES.mirror))).toEqual([
      'Connection failed at https://a.example/x.iso; continuing from the mirror https://b.example/x.iso.',
      '从 https://a.example/x.iso 下载失败（连接失败），已改用备用地址 https://b.example/x.iso 继续下载。',
    ]);
    expect(noteWords(NOTES.mirror).reason).toEqual(errorWords(lost));
  });

  it('counts what extraction skipped, each count with its own plural', () => {
    expect(both(noteWords(NOTES.extractSkipped))).toEqual([
      'Extracted 1,204 files; skipped 3 links or special files.',
      '已解压 1,204 个文件，跳过了 3 个链接或特殊文件。',
    ]);
    expect(both(noteWords({ kind: 'extractSkipped', entries: 1, skipped: 1 }))).toEqual([
      'Extracted 1 file; skipped 1 link or special file.',
      '已解压 1 个文件，跳过了 1 个链接或特殊文件。',
    ]);
  });

  it('says an extraction that was cancelled kept the archive, and any other reason as an error', () => {
    expect(both(noteWords({ kind: 'notExtracted', error: { code: 'HAUL_E_CANCELLED', message: 'cancelled' } }))).toEqual([
      'Extraction was cancelled; the downloaded archive is kept.',
      '解压已取消，已下载的压缩包仍然保留。',
    ]);
    expect(both(noteWords(NOTES.notExtracted))).toEqual(['Not extracted: Archive is damaged', '未解压：压缩包已损坏']);
  });

  it('shows an older version’s note as it was written, whatever it holds', () => {
    for (const text of ['An old note.', 'Used {{count}} connections; $t(note.throttled) <b>&amp;</b>', '旧版本的说明']) {
      expect(both(noteWords({ kind: 'text', text }))).toEqual([text, text]);
    }
  });
});
