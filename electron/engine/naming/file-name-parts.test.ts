import { describe, expect, it } from 'vitest';
import { fitFileName, splitExtension, truncateUtf8 } from './file-name-parts';

describe('splitExtension', () => {
  it.each([
    ['archive.zip', 'archive', '.zip'],
    ['backup.tar.gz', 'backup', '.tar.gz'],
    ['Backup.TAR.XZ', 'Backup', '.TAR.XZ'],
    ['src.tar.bz2', 'src', '.tar.bz2'],
    ['src.tar.zst', 'src', '.tar.zst'],
    ['my.photo.jpeg', 'my.photo', '.jpeg'],
    ['noext', 'noext', ''],
    ['.bashrc', '.bashrc', ''],
    ['.tar.gz', '.tar.gz', ''],
    ['v1.2 final notes', 'v1.2 final notes', ''],
    ['data.averyveryverylongsuffix', 'data.averyveryverylongsuffix', ''],
    ['trailing.', 'trailing.', ''],
  ])('%j → %j + %j', (name, stem, ext) => {
    expect(splitExtension(name)).toEqual({ stem, ext });
  });
});

describe('truncateUtf8 / fitFileName', () => {
  it('cuts at a character boundary within the byte budget', () => {
    expect(truncateUtf8('aé😀', 4)).toBe('aé');
    expect(truncateUtf8('aé😀', 7)).toBe('aé😀');
    expect(truncateUtf8('😀', 3)).toBe('');
  });

  it('falls back to code points for a cluster larger than the budget', () => {
    const monster = 'a' + '\u0301'.repeat(20);
    expect(truncateUtf8(monster, 5)).toBe('a\u0301\u0301');
  });

  it('shortens only the stem so suffix and extension survive', () => {
    const out = fitFileName('x'.repeat(300), '.tar.gz', ' (12)');
    expect(out).toBe('x'.repeat(255 - 12) + ' (12).tar.gz');
  });
});
