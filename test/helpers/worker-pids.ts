// The pool's worker processes that this test process started, found the way `ps` finds them: by
// parent pid and command line in /proc (Linux, where these tests run).
import { readdirSync, readFileSync } from 'node:fs';

export function workerPids(script = 'post-worker'): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) S ppid …": the parent pid follows the state letter after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(script)) pids.push(Number(name));
    } catch {
      // it exited meanwhile
    }
  }
  return pids;
}
