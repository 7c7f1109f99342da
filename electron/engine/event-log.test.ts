import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobSnapshot, JobStatus } from '../../shared/models/job';
import { EventLog } from './event-log';
import { EngineEvents } from './events';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

function snap(id: string, status: JobStatus): JobSnapshot {
  return {
    id, url: `http://127.0.0.1/${id}`, finalUrl: null, dir: '/downloads', name: `${id}.bin`, requestedName: null, path: `/downloads/${id}.bin`,
    status, position: 0, total: 10, received: 10, speed: 0, eta: null, activeConnections: 0, segments: [], resumable: true,
    error: null, note: null, retry: null, stopping: null, waiting: null, phase: null, stage: null, checksum: null, extractedTo: null,
    options: { connections: 1, speedLimit: null, headers: {}, checksum: null, checksumUrl: null, extract: false, deleteArchive: false },
    createdAt: 0, completedAt: null,
  };
}

describe('EventLog', () => {
  it('creates its folder, logs each job once seen and again when its status changes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'haul-log-'));
    dirs.push(root);
    const file = join(root, 'deep', 'haul.log');
    const events = new EngineEvents();
    const log = new EventLog(file, events);
    events.emit('jobs.updated', { jobs: [snap('a', 'active')], removed: [] });
    events.emit('jobs.updated', { jobs: [snap('a', 'active'), snap('b', 'queued')], removed: [] });
    events.emit('jobs.updated', { jobs: [snap('a', 'completed')], removed: ['b'] });
    await log.flushed();
    const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => l.slice(l.indexOf(' ') + 1));
    expect(lines).toEqual([
      'seen a http://127.0.0.1/a into /downloads',
      'active a',
      'seen b http://127.0.0.1/b into /downloads',
      'completed a http://127.0.0.1/a -> /downloads/a.bin (10 bytes)',
      'removed b',
    ]);
  });

  it('moves a log past its size limit to .1 and starts a new one', async () => {
    const root = await mkdtemp(join(tmpdir(), 'haul-log-'));
    dirs.push(root);
    const file = join(root, 'haul.log');
    const events = new EngineEvents();
    const log = new EventLog(file, events, 2000);
    for (let i = 0; i < 60; i++) {
      events.emit('jobs.updated', { jobs: [snap(`job${i}`, 'completed')], removed: [] });
      await log.flushed();
    }
    expect((await readdir(root)).sort()).toEqual(['haul.log', 'haul.log.1']);
    const current = await readFile(file, 'utf8');
    const previous = await readFile(`${file}.1`, 'utf8');
    expect(current.length).toBeLessThan(2000 + 300);
    expect(previous.length).toBeGreaterThan(2000);
    expect(current).toMatch(/completed job59 /);
  });
});

describe.skipIf(process.platform === 'win32')('EventLog file modes', () => {
  const modeOf = async (p: string): Promise<string> => ((await stat(p)).mode & 0o777).toString(8);

  it('creates its folder and the log for their owner only, also after a rotation', async () => {
    const root = await mkdtemp(join(tmpdir(), 'haul-log-'));
    dirs.push(root);
    const file = join(root, 'home', 'haul.log');
    const events = new EngineEvents();
    const log = new EventLog(file, events, 200);
    for (let i = 0; i < 5; i++) {
      events.emit('jobs.updated', { jobs: [snap(`job${i}`, 'completed')], removed: [] });
      await log.flushed();
    }
    expect((await readdir(join(root, 'home'))).sort()).toEqual(['haul.log', 'haul.log.1']);
    expect([await modeOf(join(root, 'home')), await modeOf(file), await modeOf(`${file}.1`)]).toEqual(['700', '600', '600']);
  });

  it('tightens logs an older version left readable by others as soon as it starts', async () => {
    const root = await mkdtemp(join(tmpdir(), 'haul-log-'));
    dirs.push(root);
    const file = join(root, 'haul.log');
    await writeFile(file, 'old\n');
    await writeFile(`${file}.1`, 'older\n');
    await chmod(file, 0o644);
    await chmod(`${file}.1`, 0o664);
    new EventLog(file, new EngineEvents());
    expect([await modeOf(file), await modeOf(`${file}.1`)]).toEqual(['600', '600']);
  });
});

describe('EventLog and passwords', () => {
  it('never writes the password of a URL', async () => {
    const root = await mkdtemp(join(tmpdir(), 'haul-log-'));
    dirs.push(root);
    const file = join(root, 'haul.log');
    const events = new EngineEvents();
    const log = new EventLog(file, events);
    const job = { ...snap('p', 'active'), url: 'https://ann:hunter2@example.com/p.bin' };
    events.emit('jobs.updated', { jobs: [job], removed: [] });
    events.emit('jobs.updated', { jobs: [{ ...job, status: 'failed', error: { code: 'HAUL_E_HTTP_STATUS', message: 'HTTP 404 Not Found' } }], removed: [] });
    await log.flushed();
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).toContain('seen p https://ann:***@example.com/p.bin into /downloads');
    expect(text).toContain('failed p https://ann:***@example.com/p.bin: HAUL_E_HTTP_STATUS HTTP 404 Not Found');
  });
});
