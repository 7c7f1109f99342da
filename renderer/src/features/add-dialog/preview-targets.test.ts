// Which addresses the preview asks about: the first ones the good lines make, patterns expanded
// only as far as needed, each with the headers it will be downloaded with.
import { describe, expect, it } from 'vitest';
import { checkText } from './check-lines';
import { previewTargets } from './use-probes';

describe('previewTargets', () => {
  it('takes the first addresses in order, expanding a pattern only as far as the limit', () => {
    const checks = checkText('nope\nhttps://a.example/one.iso\nhttps://a.example/img[001-120].jpg\nhttps://a.example/last.iso');
    expect(previewTargets(checks, undefined, 4).map((t) => t.url)).toEqual([
      'https://a.example/one.iso',
      'https://a.example/img001.jpg',
      'https://a.example/img002.jpg',
      'https://a.example/img003.jpg',
    ]);
  });

  it('asks with the dialog headers, a line of its own (curl) winning', () => {
    const checks = checkText("https://a.example/x\ncurl 'https://a.example/y' -H 'Referer: https://from-curl/'");
    expect(previewTargets(checks, { Referer: 'https://dialog/' })).toEqual([
      { url: 'https://a.example/x', headers: { Referer: 'https://dialog/' } },
      { url: 'https://a.example/y', headers: { referer: 'https://from-curl/' } },
    ]);
  });
});
