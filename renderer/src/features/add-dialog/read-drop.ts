// What a drop or a paste carries, as text for the add dialog: links dragged from a browser
// (text/uri-list), plain text, and .txt URL lists. Other files (images, archives) are left alone.
import { isCurlCommand } from '../../../../shared/curl-command';

/** The parts of a DataTransfer this reads (a real one in the browser, a plain object in tests). */
export interface DroppedData {
  getData(type: string): string;
  types: readonly string[];
  files: ArrayLike<{ name: string; type: string; size: number; text(): Promise<string> }>;
}

/** A list larger than this is not a list of links. */
const MAX_LIST_BYTES = 16 * 1024 * 1024;
const LIST_FILE = /\.(txt|list|urls?|lst)$/i;

/** Whether a drag may bring something the dialog can read (decided before the drop, from types alone). */
export function carriesLinks(types: readonly string[]): boolean {
  return types.includes('text/uri-list') || types.includes('text/plain') || types.includes('Files');
}

export async function textFromDrop(data: DroppedData): Promise<string> {
  const parts: string[] = [];
  const uriList = data.types.includes('text/uri-list') ? data.getData('text/uri-list') : '';
  // RFC 2483: one URI a line, `#` starts a comment.
  const uris = uriList.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (uris.length > 0) parts.push(uris.join('\n'));
  else if (data.types.includes('text/plain')) parts.push(data.getData('text/plain').trim());
  for (const file of Array.from(data.files)) {
    if (file.size > MAX_LIST_BYTES || !(LIST_FILE.test(file.name) || file.type === 'text/plain')) continue;
    parts.push((await file.text()).trim());
  }
  return parts.filter(Boolean).join('\n');
}

/** Pasted text worth opening the dialog for: an address in it, or a curl command. */
export function looksLikeLinks(text: string): boolean {
  return /\bhttps?:\/\/[^\s/]/i.test(text) || isCurlCommand(text);
}

/** Appends dropped text below what the box already holds. */
export function appendText(current: string, added: string): string {
  if (!current.trim()) return added;
  return `${current.replace(/\s+$/, '')}\n${added}`;
}
