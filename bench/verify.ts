// A run counts only if every file arrived whole: same size and sha256 as its source.
// A fast wrong file is a failed run.
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { sha256File, type SourceFile } from './data';

export interface Verdict {
  ok: boolean;
  /** At most a few lines, e.g. "small-0042.bin: missing". */
  problems: string[];
  /** How many files failed, when there are many. */
  bad: number;
}

const SHOWN = 3;

export async function verifyOutputs(outDir: string, sources: readonly SourceFile[]): Promise<Verdict> {
  const problems: string[] = [];
  let bad = 0;
  const note = (text: string): void => {
    bad++;
    if (problems.length < SHOWN) problems.push(text);
  };
  for (const src of sources) {
    const name = basename(src.rel);
    const path = join(outDir, name);
    const st = await stat(path).catch(() => null);
    if (!st) {
      note(`${name}: missing`);
      continue;
    }
    if (st.size !== src.size) {
      note(`${name}: ${st.size} bytes, expected ${src.size}`);
      continue;
    }
    if ((await sha256File(path)) !== src.sha256) note(`${name}: sha256 differs from the source`);
  }
  if (bad > SHOWN) problems.push(`…${bad - SHOWN} more`);
  return { ok: bad === 0, problems, bad };
}
