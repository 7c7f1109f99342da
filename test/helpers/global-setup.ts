// Once per test run. One throwaway data folder: CLI runs and engines started by tests never
// write into the real user's ~/.config/Haul (removed when the run ends). And the CLI bundle is
// built afresh, so CLI tests run what `npx haul` runs after an install (the launcher would
// otherwise fall back to the TypeScript sources after an edit, and a bundle-only bug would pass).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): () => void {
  const home = mkdtempSync(join(tmpdir(), 'haul-test-home-'));
  process.env.HAUL_HOME = home;
  execFileSync(process.execPath, [fileURLToPath(new URL('../../electron/tools/build-cli.mjs', import.meta.url))], { stdio: 'inherit' });
  return () => rmSync(home, { recursive: true, force: true });
}
