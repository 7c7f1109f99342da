// Time left in the UI's language: `3m 05s` in English, `3 分 05 秒` in Chinese (the CLI keeps the
// English form from shared/format.ts).
import { etaParts } from '../../../../shared/format';

type Translate = (key: `eta.${string}`, values: Record<string, string>) => string;

/** Nothing when unknown. */
export function etaWords(seconds: number | null, t: Translate): string {
  const p = etaParts(seconds);
  return p ? t(`eta.${p.unit}`, p) : '';
}
