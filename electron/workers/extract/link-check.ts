// Where does a symbolic link lead? Checked twice: lexically when the entry is read (a clear,
// early refusal) and against the real tree once every link exists, because a link created later
// can change where an earlier, innocent-looking one resolves ("a" → "b/../x" after "b" → "..").

import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';

const MAX_HOPS = 40; // like the kernel's ELOOP limit

function isAbsoluteTarget(target: string): boolean {
  return /^[\\/]/.test(target) || /^[a-zA-Z]:/.test(target);
}

/**
 * Applies one component of a link target to `stack`; false when `..` would leave the root.
 * Returns 'name' when a component was pushed (that one may itself be a link).
 */
function step(stack: string[], comp: string): boolean | 'name' {
  if (comp === '' || comp === '.') return true;
  if (comp !== '..') {
    stack.push(comp);
    return 'name';
  }
  if (stack.length === 0) return false;
  stack.pop();
  return true;
}

/** The components a link at `base/` + name would reach, lexically; null if it leaves the root. */
export function lexicalTarget(base: readonly string[], target: string): string[] | null {
  if (isAbsoluteTarget(target)) return null;
  const stack = [...base];
  for (const comp of target.split(/[\\/]+/)) if (!step(stack, comp)) return null;
  return stack;
}

/**
 * Resolves `target` from the folder `base` (components under `root`) following the links that
 * exist now; null when any step leaves the root. Missing components are taken lexically, which
 * can only be stricter than the OS (it would stop at the missing one).
 */
export async function resolveWithin(root: string, base: readonly string[], target: string, hops = 0): Promise<string[] | null> {
  if (hops > MAX_HOPS || isAbsoluteTarget(target)) return null;
  let stack = [...base];
  for (const comp of target.split(/[\\/]+/)) {
    const moved = step(stack, comp);
    if (!moved) return null;
    if (moved !== 'name') continue;
    const here = join(root, ...stack);
    const st = await lstat(here).catch(() => null);
    if (st?.isSymbolicLink()) {
      const next = await resolveWithin(root, stack.slice(0, -1), await readlink(here), hops + 1);
      if (next === null) return null;
      stack = next;
    }
  }
  return stack;
}
