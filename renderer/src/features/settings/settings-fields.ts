// The settings form in people's units: what each engine setting looks like as typed text (sizes in
// KiB/MiB/GiB, rates per second, timeouts in seconds), how typed text becomes the setting's value,
// and why a value is refused, in words the dialog can translate. Pure, so it is tested in Node.
import { SettingsPatchSchema, type Settings } from '../../../../shared/models/settings';

export const KIB = 1024;
export const SIZE_UNITS = { KiB: KIB, MiB: KIB ** 2, GiB: KIB ** 3 } as const;
export type SizeUnit = keyof typeof SIZE_UNITS;
const UNIT_ORDER: SizeUnit[] = ['GiB', 'MiB', 'KiB'];

type KeysOf<T> = { [K in keyof Settings]: Settings[K] extends T ? K : never }[keyof Settings];
export type CountKey = 'maxJobs' | 'connectionsPerJob' | 'maxPerHost' | 'maxTries' | 'poolSize';
export type SizeKey = 'minSplitSize';
export type RateKey = 'globalSpeedLimit' | 'defaultSpeedLimit';
export type SecondsKey = 'connectTimeoutMs' | 'stallTimeoutMs';
export type TextKey = KeysOf<string>;
export type ToggleKey = KeysOf<boolean>;

/** What the user typed into a number field, with the unit picked beside it (sizes and rates). */
export interface Draft {
  text: string;
  unit?: SizeUnit;
}

/** Why a typed value is refused: a key under `problem.` in the strings, with what it needs. */
export interface Problem {
  key: 'number' | 'whole' | 'min' | 'max' | 'required' | 'tooLong' | 'fullPath' | 'proxy' | 'server';
  values?: Record<string, string | number>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** A size in the largest unit that keeps it whole (1 MiB, 64 KiB), or with up to two decimals. */
export function splitSize(bytes: number): Required<Draft> {
  for (const unit of UNIT_ORDER) if (bytes >= SIZE_UNITS[unit] && bytes % SIZE_UNITS[unit] === 0) return { text: String(bytes / SIZE_UNITS[unit]), unit };
  for (const unit of UNIT_ORDER) if (bytes >= SIZE_UNITS[unit]) return { text: String(Math.round((bytes / SIZE_UNITS[unit]) * 100) / 100), unit };
  return { text: String(Math.round((bytes / KIB) * 100) / 100), unit: 'KiB' };
}

/** `64 KiB`, `1.5 MiB`: a size as the settings dialog writes it (whole where it can). */
export function formatSize(bytes: number): string {
  const { text, unit } = splitSize(bytes);
  return `${text} ${unit}`;
}

const NUMBER = /^\s*(\d+(?:[.,]\d+)?|[.,]\d+)\s*$/;

/** A typed number (a decimal comma is taken as a point); null when it is not one. */
export function readNumber(text: string): number | null {
  const m = NUMBER.exec(text);
  return m ? Number(m[1]!.replace(',', '.')) : null;
}

function number(text: string): Parsed<number> {
  if (text.trim() === '') return { ok: false, problem: { key: 'required' } };
  const n = readNumber(text);
  return n === null ? { ok: false, problem: { key: 'number' } } : { ok: true, value: n };
}

export function countDraft(value: number): Draft {
  return { text: String(value) };
}

export function parseCount(draft: Draft): Parsed<number> {
  const n = number(draft.text);
  if (n.ok && !Number.isInteger(n.value)) return { ok: false, problem: { key: 'whole' } };
  return n;
}

export function sizeDraft(bytes: number): Draft {
  return splitSize(bytes);
}

export function parseSize(draft: Draft): Parsed<number> {
  const n = number(draft.text);
  return n.ok ? { ok: true, value: Math.round(n.value * SIZE_UNITS[draft.unit ?? 'MiB']) } : n;
}

/** A rate limit: null (no limit) is shown as an empty box with MiB/s ready for typing. */
export function rateDraft(bytesPerSecond: number | null): Draft {
  return bytesPerSecond === null ? { text: '', unit: 'MiB' } : splitSize(bytesPerSecond);
}

export function parseRate(draft: Draft): Parsed<number> {
  return parseSize(draft);
}

export function secondsDraft(ms: number): Draft {
  return { text: String(ms / 1000) };
}

export function parseSeconds(draft: Draft): Parsed<number> {
  const n = number(draft.text);
  return n.ok ? { ok: true, value: Math.round(n.value * 1000) } : n;
}

/** How a bound of a setting is written in the field's own unit. */
function boundText(key: keyof Settings, bound: number): string {
  if (key === 'minSplitSize' || key === 'globalSpeedLimit' || key === 'defaultSpeedLimit') return formatSize(bound);
  if (key === 'connectTimeoutMs' || key === 'stallTimeoutMs') return String(bound / 1000);
  return String(bound);
}

/** The shared schema's verdict on one setting, as a problem to show beside its field. */
export function checkSetting<K extends keyof Settings>(key: K, value: Settings[K]): Problem | null {
  const r = SettingsPatchSchema.safeParse({ [key]: value });
  if (r.success) return null;
  const issue = r.error.issues[0]!;
  switch (issue.code) {
    case 'too_small':
      return typeof value === 'string' ? { key: 'required' } : { key: 'min', values: { min: boundText(key, Number(issue.minimum)) } };
    case 'too_big':
      return typeof value === 'string' ? { key: 'tooLong', values: { count: Number(issue.maximum) } } : { key: 'max', values: { max: boundText(key, Number(issue.maximum)) } };
    case 'invalid_type':
      return { key: issue.expected === 'int' ? 'whole' : 'number' };
    default:
      return { key: 'number' };
  }
}

const PROXY_SCHEMES = new Set(['http:', 'https:', 'socks5:', 'socks5h:']);

/** '' (no proxy) or http(s):// or socks5(h):// with a host; the engine checks the rest. */
export function checkProxy(text: string): Problem | null {
  if (text.trim() === '') return null;
  try {
    const url = new URL(text.trim());
    if (PROXY_SCHEMES.has(url.protocol) && url.hostname) return null;
  } catch {
    // not a URL at all: the same answer
  }
  return { key: 'proxy' };
}

/** A custom download folder must be a full path: the engine resolves nothing relative to itself. */
export function checkFolder(text: string): Problem | null {
  if (text.trim() === '') return { key: 'required' };
  return /^(\/|[a-zA-Z]:[\\/]|\\\\)/.test(text.trim()) ? null : { key: 'fullPath' };
}

/** Typed text to a value the engine accepts, or why not: the parse, then the shared schema. */
export function readField<K extends keyof Settings>(key: K, parse: (d: Draft) => Parsed<Settings[K]>, draft: Draft): Parsed<Settings[K]> {
  const parsed = parse(draft);
  if (!parsed.ok) return parsed;
  const problem = checkSetting(key, parsed.value);
  return problem ? { ok: false, problem } : parsed;
}

export const textDraft = (text: string): Draft => ({ text });
/** Certificates are kept exactly as pasted. */
export const parsePlain = (d: Draft): Parsed<string> => ({ ok: true, value: d.text });
export const parseTrimmed = (d: Draft): Parsed<string> => ({ ok: true, value: d.text.trim() });
export function parseProxy(d: Draft): Parsed<string> {
  const text = d.text.trim();
  const problem = checkProxy(text);
  return problem ? { ok: false, problem } : { ok: true, value: text };
}
export function parseFolder(d: Draft): Parsed<string> {
  const text = d.text.trim();
  const problem = checkFolder(text);
  return problem ? { ok: false, problem } : { ok: true, value: text };
}
