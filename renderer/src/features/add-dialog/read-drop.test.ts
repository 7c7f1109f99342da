// What a drop or a paste brings to the add dialog.
import { describe, expect, it } from 'vitest';
import { appendText, carriesLinks, looksLikeLinks, textFromDrop, type DroppedData } from './read-drop';

function dropped(data: Record<string, string>, files: { name: string; type?: string; text: string }[] = []): DroppedData {
  return {
    types: [...Object.keys(data), ...(files.length ? ['Files'] : [])],
    getData: (type) => data[type] ?? '',
    files: files.map((f) => ({ name: f.name, type: f.type ?? '', size: f.text.length, text: async () => f.text })),
  };
}

describe('textFromDrop', () => {
  it('takes links dragged from a browser (text/uri-list) over their plain-text twin, without comments', async () => {
    const text = await textFromDrop(dropped({ 'text/uri-list': '# from a page\r\nhttps://a.example/1.zip\r\nhttps://a.example/2.zip', 'text/plain': 'Two links' }));
    expect(text).toBe('https://a.example/1.zip\nhttps://a.example/2.zip');
  });

  it('reads dropped .txt lists and plain text files, and leaves other files alone', async () => {
    const text = await textFromDrop(
      dropped({}, [
        { name: 'links.txt', text: 'https://a.example/1\nhttps://a.example/2\n' },
        { name: 'photo.jpg', type: 'image/jpeg', text: '\xff\xd8binary' },
        { name: 'notes', type: 'text/plain', text: 'https://b.example/3' },
      ]),
    );
    expect(text).toBe('https://a.example/1\nhttps://a.example/2\nhttps://b.example/3');
  });

  it('takes selected text when there is no link list', async () => {
    expect(await textFromDrop(dropped({ 'text/plain': '  https://a.example/x.iso  ' }))).toBe('https://a.example/x.iso');
  });
});

describe('drags and pastes worth opening the dialog for', () => {
  it('shows the overlay for links, text and files only', () => {
    expect([carriesLinks(['text/uri-list']), carriesLinks(['Files']), carriesLinks(['text/plain']), carriesLinks(['text/html'])]).toEqual([true, true, true, false]);
  });

  it('opens the dialog for pasted addresses or a curl command, not for other text', () => {
    expect(looksLikeLinks('see https://a.example/x.iso')).toBe(true);
    expect(looksLikeLinks("curl 'https://a.example/x' -H 'A: b'")).toBe(true);
    expect(looksLikeLinks('hello world')).toBe(false);
    expect(looksLikeLinks('https://')).toBe(false);
  });

  it('appends a second drop below what the box holds', () => {
    expect(appendText('', 'https://b')).toBe('https://b');
    expect(appendText('https://a\n\n', 'https://b')).toBe('https://a\nhttps://b');
  });
});
