// One throwaway data folder for the whole test run: CLI runs and engines started by tests never
// write into the real user's ~/.config/Haul. Removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const home = mkdtempSync(join(tmpdir(), 'haul-test-home-'));
  process.env.HAUL_HOME = home;
  return () => rmSync(home, { recursive: true, force: true });
}
