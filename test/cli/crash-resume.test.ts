// The durability promise, checked the hard way: kill -9 the CLI mid-download, run it again.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openSqliteJobStore } from '../../electron/engine/store';
import { tarArchive } from '../../electron/workers/extract/test-archives';
import { HAUL_BIN, processState, runCli, startCli, startCliUnreaped, type UnreapedCliRun } from '../helpers/run-cli';
import { useCliFixture } from '../helpers/cli-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';
import { waitUntil } from '../helpers/wait-until';

const MiB = 1024 * 1024;

const t = useCliFixture('haul-crash-');

function recorded(db: string): number {
  const store = openSqliteJobStore(db);
  try {
    return store.listJobs().reduce((n, j) => n + store.loadSegments(j.id).reduce((m, s) => m + s.done, 0), 0);
  } finally {
    store.close();
  }
}

/** A download served at 3 MiB/s per connection, and the `haul get` arguments for it (folder and database named after it). */
function throttledDownload(name: string, size: number, seed: number, extra: string[] = []) {
  const body = makeContent(size, seed);
  t.server.route(`/${name}.bin`, { body, quirks: { throttle: 3 * MiB } });
  const dir = join(t.root, name);
  const db = join(t.root, `${name}.db`);
  const args = ['get', '--json', '--db', db, '-d', dir, ...extra, t.server.url(`/${name}.bin`)];
  return { body, dir, db, args };
}

describe('crash safety', () => {
  it('after SIGKILL mid-download, the same command finishes the file without refetching recorded bytes', async () => {
    const { body, db, args } = throttledDownload('crash', 24 * MiB, 21, ['-x', '4']);

    const first = startCli(args);
    await first.waitForLine((l) => l.type === 'progress' && (l.received as number) > 2 * MiB);
    // Killed once the database has recorded some ranges (committed at most twice a second), while
    // the download is still running.
    await waitUntil(() => existsSync(db) && recorded(db) > 2 * MiB, 'ranges recorded in the database');
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');

    const kept = recorded(db);
    expect(kept).toBeGreaterThan(2 * MiB);
    expect(kept).toBeLessThan(body.length);
    const sentBefore = t.server.bytesSent('/crash.bin');
    const requestsBefore = t.server.requests('/crash.bin').length;

    const second = await runCli(args);
    expect(second.code).toBe(0);
    const done = second.lines.find((l) => l.type === 'completed')!;
    expect(done.size).toBe(body.length);
    expect(await sha256File(done.path as string)).toBe(sha256(body));
    // Only what was not recorded was fetched again (plus bytes in flight when the first request was cut).
    const refetched = t.server.bytesSent('/crash.bin') - sentBefore;
    expect(refetched).toBeLessThanOrEqual(body.length - kept + 2 * MiB);
    // And the second run's requests all continued ranges rather than starting from byte 0.
    const starts = t.server.requests('/crash.bin').slice(requestsBefore).map((r) => Number(/bytes=(\d+)-/.exec(r.range ?? '')?.[1]));
    expect(starts.every((s) => s > 0)).toBe(true);
  });

  it('after SIGKILL mid-extraction, the same command extracts again into the one folder', async () => {
    const files = Array.from({ length: 60 }, (_, i) => ({ name: `d/f${i}.bin`, data: makeContent(MiB, 100 + i) }));
    t.server.route('/pack.tar.gz', { body: gzipSync(tarArchive(files), { level: 1 }) });
    const dir = join(t.root, 'pack');
    const args = ['get', '--json', '--db', join(t.root, 'pack.db'), '-d', dir, '--extract', t.server.url('/pack.tar.gz')];
    const first = startCli(args);
    // Killed once the first entries are on disk, wherever the extraction writes them.
    const started = (): boolean => existsSync(dir) && readdirSync(dir).some((name) => existsSync(join(dir, name, 'd', 'f0.bin')));
    await waitUntil(started, 'the first extracted entries', 30_000);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');

    const second = await runCli(args);
    expect(second.code, second.stderr).toBe(0);
    expect(second.lines.find((l) => l.type === 'completed')?.extractedTo).toBe(join(dir, 'pack'));
    expect((await readdir(dir)).sort()).toEqual(['pack', 'pack.tar.gz']);
    expect(await readdir(join(dir, 'pack', 'd'))).toHaveLength(files.length);
    expect(await sha256File(join(dir, 'pack', 'd', 'f7.bin'))).toBe(sha256(files[7]!.data));
  });

  it('after Ctrl-C (SIGINT), it exits 130 and the next run resumes', async () => {
    const { body, dir, db, args } = throttledDownload('int', 16 * MiB, 22);
    const first = startCli(args);
    await first.waitForLine((l) => l.type === 'progress' && (l.received as number) > 3 * MiB);
    first.child.kill('SIGINT');
    const r = await first.done;
    expect(r.code).toBe(130);
    const kept = recorded(db);
    expect(kept).toBeGreaterThan(3 * MiB);
    const second = await runCli(args);
    expect(second.code).toBe(0);
    expect(await sha256File(join(dir, 'int.bin'))).toBe(sha256(body));
  });
});

describe('one Haul per database', () => {
  it('a second run on a database in use says who uses it and changes nothing; the lock goes with the first', async () => {
    // A stall timeout longer than the test: the first run's pause below is not a stalled connection.
    const { body, dir, db, args } = throttledDownload('shared', 6 * MiB, 26, ['-x', '1', '--stall-timeout', '600']);
    const first = startCli(args);
    await first.waitForLine((l) => l.type === 'progress');
    // Paused (SIGSTOP) while the second run tries: it cannot finish first, however slowly the second starts.
    first.child.kill('SIGSTOP');
    const second = await runCli(args);
    first.child.kill('SIGCONT');
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(`haul: Another Haul (process ${first.child.pid}) is using ${db}. Wait for it to finish, or give this one another database (--db).\n`);
    expect(second.lines).toEqual([]);
    const done = await first.done;
    expect(done.code).toBe(0);
    expect(await sha256File(join(dir, 'shared.bin'))).toBe(sha256(body));
    expect(t.server.requests('/shared.bin')).toHaveLength(1);
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it('kill -9 and the same command at once, again and again: each run starts while the last is still a zombie, and the file ends exact', async () => {
    // 2 MiB/s in all: each run is killed well before the end, even when a loaded machine starts it slowly.
    const body = makeContent(16 * MiB, 27);
    t.server.route('/restart.bin', { body, quirks: { throttle: MiB } });
    const dir = join(t.root, 'restart');
    const args = ['get', '--json', '--db', join(t.root, 'restart.db'), '-d', dir, '-x', '2', t.server.url('/restart.bin')];
    let killed: UnreapedCliRun | null = null;
    for (let round = 1; round <= 4; round++) {
      const { run, pid, reap } = startCliUnreaped(args);
      // Further than the runs before it got: this one took the database and is downloading.
      await run.waitForLine((l) => l.type === 'progress' && (l.received as number) > round * 2 * MiB);
      // Only now is the last run reaped: this one started while it was a zombie.
      killed?.reap();
      if (killed) expect((await killed.run.done).signal).toBe('SIGKILL');
      const haul = await pid;
      expect(processState(haul), 'still downloading when killed').not.toBe('Z');
      process.kill(haul, 'SIGKILL');
      await waitUntil(() => processState(haul) === 'Z', `haul (process ${haul}) killed and not yet reaped`);
      killed = { run, pid, reap };
    }
    const last = await runCli(args);
    killed!.reap();
    await killed!.run.done;
    expect(last.code, last.stderr).toBe(0);
    expect(await sha256File(join(dir, 'restart.bin'))).toBe(sha256(body));
  });

  it('a lock file left by an older Haul, naming a live process that is not Haul (its pid reused), does not stop a run', async () => {
    const { body, dir, db, args } = throttledDownload('reused', MiB, 28);
    // This test runner is such a process.
    writeFileSync(`${db}.lock`, `${process.pid}\n${hostname()}\n`);
    const r = await runCli(args);
    expect(r.code, r.stderr).toBe(0);
    expect(await sha256File(join(dir, 'reused.bin'))).toBe(sha256(body));
    expect(existsSync(`${db}.lock`)).toBe(false);
  });
});

describe('a new address for an interrupted download', () => {
  it('given with -o and the same name, continues the earlier download from its recorded bytes', async () => {
    const body = makeContent(16 * MiB, 23);
    t.server.route('/dl?sig=first', { body, quirks: { throttle: 3 * MiB } });
    const dir = join(t.root, 'link');
    const db = join(t.root, 'link.db');
    const run = (url: string) => ['get', '--json', '--db', db, '-d', dir, '-o', 'image.iso', url];
    const first = startCli(run(t.server.url('/dl?sig=first')));
    await first.waitForLine((l) => l.type === 'progress' && (l.received as number) > 3 * MiB);
    first.child.kill('SIGINT');
    expect((await first.done).code).toBe(130);
    const kept = recorded(db);
    expect(kept).toBeGreaterThan(3 * MiB);

    // The first link expired; the same file comes from a new one.
    t.server.route('/dl?sig=first', { body, quirks: { status: 403 } });
    t.server.route('/dl?sig=second', { body });
    const second = await runCli(run(t.server.url('/dl?sig=second')));
    expect(second.code).toBe(0);
    const added = second.lines.filter((l) => l.type === 'added');
    expect(added).toHaveLength(1);
    const done = second.lines.find((l) => l.type === 'completed')!;
    expect(done.path).toBe(join(dir, 'image.iso'));
    expect(await sha256File(join(dir, 'image.iso'))).toBe(sha256(body));
    expect(existsSync(join(dir, 'image (1).iso'))).toBe(false);
    // Recorded bytes were not fetched again, and nothing went to the expired link.
    expect(t.server.bytesSent('/dl?sig=second')).toBeLessThanOrEqual(body.length - kept + 2 * MiB);
    expect(t.server.requests('/dl?sig=first').filter((r) => r.status === 403)).toEqual([]);
  });
});

/**
 * Shell that waits until `file` has bytes (at most 20 s): the disk is filled once the download is
 * under way, not after a fixed pause that a slow start (the CLI run from sources) would outlast.
 */
const untilHasBytes = (file: string): string => `i=0; while [ ! -s ${file} ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done;`;

// A real full disk: the CLI runs in its own mount namespace with a small tmpfs as the download folder.
function canUseMountNamespace(): boolean {
  try {
    execFileSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('full disk', () => {
  // This machine (and CI) can make mount namespaces; a machine that cannot fails loudly here rather than skipping.
  const mountNamespaces = canUseMountNamespace();
  const runIn = async (script: string): Promise<{ out: string; lines: Record<string, unknown>[] }> => {
    // Asynchronous: the server answering it lives in this very process.
    const { stdout: out } = await promisify(execFile)('unshare', ['-rm', 'sh', '-c', script], { encoding: 'utf8', timeout: 60_000 });
    return { out, lines: out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>) };
  };
  const failedLine = (lines: Record<string, unknown>[]) => lines.find((l) => l.type === 'failed') as { error: { code: string; message: string } } | undefined;

  it('filling up mid-download pauses with a clear message, loses nothing written, and resumes once there is room', async () => {
    expect(mountNamespaces, 'unshare -rm must work to create a real full disk').toBe(true);
    const body = makeContent(6 * MiB, 23);
    // Throttled so the disk can be filled while the download runs (it takes 3 s).
    t.server.route('/disk.bin', { body, quirks: { throttle: 2 * MiB } });
    const mnt = join(t.root, 'tiny');
    const db = join(t.root, 'disk.db');
    const haul = `"${process.execPath}" "${HAUL_BIN}" get --json --db ${db} -d ${mnt} -x 1 ${t.server.url('/disk.bin')}`;
    // 8 MiB fit the 6 MiB file when it starts; another program then takes 5 MiB of them.
    const { out, lines } = await runIn(
      `mkdir -p ${mnt} && mount -t tmpfs -o size=8m tmpfs ${mnt} && ` +
        `{ ${haul}; echo "exit=$?"; } & ${untilHasBytes(`${mnt}/disk.bin.part`)} dd if=/dev/zero of=${mnt}/filler bs=1M count=5 2>/dev/null; wait; ` +
        `rm ${mnt}/filler && ${haul}; echo "exit=$?"; sha256sum ${mnt}/disk.bin`,
    );
    const failed = failedLine(lines);
    expect(failed?.error.code, out).toBe('HAUL_E_DISK_FULL');
    expect(failed?.error.message).toMatch(/Disk full/);
    expect(out, out).toMatch(/exit=1\n[\s\S]*exit=0/);
    expect(lines.filter((l) => l.type === 'completed')).toHaveLength(1);
    expect(out).toContain(`${sha256(body)}  ${mnt}/disk.bin`);
    // What the first run wrote was kept: the second run continued its ranges instead of starting over.
    const store = openSqliteJobStore(db);
    const note = store.listJobs()[0]?.note;
    store.close();
    expect(t.server.requests('/disk.bin').filter((r) => r.range === 'bytes=0-'), `${JSON.stringify(note)}\n${out}`).toHaveLength(1);
  });

  it('a disk filled up that also holds the database: the run ends with its summary and a clear message, and the next run finishes', async () => {
    expect(mountNamespaces, 'unshare -rm must work to create a real full disk').toBe(true);
    const body = makeContent(6 * MiB, 25);
    t.server.route('/both.bin', { body, quirks: { throttle: 2 * MiB } });
    const mnt = join(t.root, 'shared-disk');
    const haul = `"${process.execPath}" "${HAUL_BIN}" get --json --db ${mnt}/haul.db -d ${mnt} -x 1 ${t.server.url('/both.bin')}`;
    // Another program takes every byte left, so the part file and the database both hit the full disk.
    const { out, lines } = await runIn(
      `mkdir -p ${mnt} && mount -t tmpfs -o size=8m tmpfs ${mnt} && ` +
        `{ ${haul} 2>&1; echo "exit=$?"; } & ${untilHasBytes(`${mnt}/both.bin.part`)} ` +
        `dd if=/dev/zero of=${mnt}/filler bs=64k 2>/dev/null; wait; ` +
        `rm ${mnt}/filler && ${haul}; echo "exit=$?"; sha256sum ${mnt}/both.bin`,
    );
    expect(failedLine(lines)?.error.code, out).toBe('HAUL_E_DISK_FULL');
    // The first run still printed its summary, then said what happened to the database, and exited 1.
    expect(out, out).toMatch(/"type":"summary","completed":0,"failed":1,"rejected":0\}\n(haul: Disk full while saving the download list \(.*haul\.db\)\. Free some space, then resume: nothing already downloaded is lost\.\n)?exit=1\n/);
    expect(out).not.toMatch(/at .*\.(m?js|ts):\d+/); // no stack trace
    expect(out, out).toMatch(/exit=1\n[\s\S]*exit=0/);
    expect(out).toContain(`${sha256(body)}  ${mnt}/both.bin`);
  });

  it('a download that cannot fit is paused before it writes, with the sizes, and starts once there is room', async () => {
    expect(mountNamespaces, 'unshare -rm must work to create a real full disk').toBe(true);
    const body = makeContent(6 * MiB, 24);
    t.server.route('/big.bin', { body });
    const mnt = join(t.root, 'small');
    const db = join(t.root, 'small.db');
    const haul = `"${process.execPath}" "${HAUL_BIN}" get --json --db ${db} -d ${mnt} ${t.server.url('/big.bin')}`;
    const { out, lines } = await runIn(
      `mkdir -p ${mnt} && mount -t tmpfs -o size=3m tmpfs ${mnt} && ${haul}; echo "exit=$?"; ls -A ${mnt} | wc -l; ` +
        `mount -o remount,size=16m ${mnt} && ${haul}; echo "exit=$?"; sha256sum ${mnt}/big.bin`,
    );
    const failed = failedLine(lines);
    expect(failed?.error.code, out).toBe('HAUL_E_DISK_FULL');
    expect(failed?.error.message).toBe(`Not enough disk space for big.bin in ${mnt}: 6.00 MiB still to download, 3.00 MiB free. Free some space, then resume.`);
    // Nothing was written: the folder stayed empty.
    expect(out, out).toMatch(/exit=1\n0\n[\s\S]*exit=0/);
    expect(out).toContain(`${sha256(body)}  ${mnt}/big.bin`);
  });
});
