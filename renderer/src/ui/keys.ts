// Keyboard helpers every feature uses the same way: the platform's command key, and how a
// shortcut is written for people.

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Ctrl on Windows and Linux, Cmd on a Mac. */
export function commandKey(e: { ctrlKey: boolean; metaKey: boolean }): boolean {
  return IS_MAC ? e.metaKey : e.ctrlKey;
}

/** `Ctrl+F` or `⌘F`. */
export function withCommand(key: string): string {
  return IS_MAC ? `⌘${key}` : `Ctrl+${key}`;
}

/** `Alt+N` or `⌥N`. */
export function withAlt(key: string): string {
  return IS_MAC ? `⌥${key}` : `Alt+${key}`;
}

/** Typing into this element: keys belong to it, not to the list's shortcuts. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range'].includes(target.type);
}

/**
 * The shortcut that opens the add dialog: Ctrl/Cmd+N only in the desktop app (a browser keeps it
 * for a new window), Alt+N everywhere.
 */
export function addShortcutLabel(mode: 'desktop' | 'web' | 'cli' | undefined): string {
  return mode === 'desktop' ? withCommand('N') : withAlt('N');
}
