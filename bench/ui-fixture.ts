// What the UI bench runs against: `haul serve`'s web server on loopback, on a real engine with a
// real SQLite file, either seeded with 10,000 jobs of every kind (none of which downloads) or fed
// by a loopback server that trickles bytes to 100 downloads over several connections each.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClientHub } from '../electron/engine/client/client-hub';
import { Engine } from '../electron/engine/engine';
import { openSqliteJobStore } from '../electron/engine/store';
import type { JobRecord, SegmentRecord } from '../electron/engine/store/job-store';
import { startWebServer, type WebServer } from '../electron/server/web-server';
import type { JobStatus } from '../shared/models/job';
import type { Settings } from '../shared/models/settings';

export const BUILT_UI = fileURLToPath(new URL('../out/renderer', import.meta.url));

export interface UiServer {
  engine: Engine;
  web: WebServer;
  /** The printed address, with the token. */
  url: string;
  close(): Promise<void>;
}

/** Opens the store, lets `seed` fill it, then starts the engine and the web server on it. */
export async function startUiServer(dir: string, settings: Partial<Settings>, seed: (store: ReturnType<typeof openSqliteJobStore>, downloads: string) => void): Promise<UiServer> {
  const downloads = join(dir, 'downloads');
  await mkdir(downloads, { recursive: true });
  const dbPath = join(dir, 'haul.db');
  const store = openSqliteJobStore(dbPath);
  try {
    seed(store, downloads);
    store.saveSettings(settings);
  } finally {
    store.close();
  }
  const engine = new Engine({ store: openSqliteJobStore(dbPath, { exclusive: true }), defaultDownloadDir: downloads });
  let web: WebServer;
  try {
    web = await startWebServer({ hub: new ClientHub(engine), host: '127.0.0.1', port: 0, token: randomBytes(16).toString('hex'), uiDir: BUILT_UI });
  } catch (err) {
    await engine.close();
    throw err;
  }
  return {
    engine,
    web,
    url: web.url,
    async close() {
      await web.close().catch(() => undefined);
      await engine.close().catch(() => undefined);
    },
  };
}

const WORDS = ['ubuntu-24.04-desktop-amd64', 'holiday photos', 'Quarterly report (final)', 'node-v22.11.0-linux-x64', 'podcast episode', 'dataset_2024_q3', 'LibreOffice_24.8_Linux', 'lecture-recording', 'firmware', 'wallpaper pack', '项目资料', 'backup'];
const EXTENSIONS = ['iso', 'zip', 'tar.gz', 'mp4', 'pdf', 'mp3', 'deb', 'png', 'csv', '7z', 'txt', 'exe'];
/** A long-time user's list: mostly finished, some paused part-way, some failed. */
const STATUSES: readonly JobStatus[] = ['completed', 'completed', 'completed', 'completed', 'completed', 'paused', 'paused', 'failed'];

/** `count` jobs of varied names, sizes and statuses, none of which the engine starts. */
export function seedJobs(store: ReturnType<typeof openSqliteJobStore>, downloads: string, count: number): void {
  const now = Date.now();
  const jobs: JobRecord[] = [];
  const progress: { id: string; segments: SegmentRecord[] }[] = [];
  for (let i = 0; i < count; i++) {
    const status = STATUSES[i % STATUSES.length]!;
    const name = `${WORDS[i % WORDS.length]} ${i}.${EXTENSIONS[(i * 7) % EXTENSIONS.length]}`;
    // 1 KiB to ~4 GiB, spread over the orders of magnitude.
    const total = Math.round(1024 * 2 ** ((i * 2654435761) % 22) * (1 + (i % 10) / 10));
    const done = status === 'completed' ? total : status === 'paused' ? Math.floor(total * ((i % 97) / 97)) : 0;
    const created = now - (count - i) * 60_000;
    jobs.push({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      // Never fetched (no job is queued); loopback all the same.
      url: `http://127.0.0.1:9/files/${i}/${encodeURIComponent(name)}`,
      finalUrl: null, dir: downloads, requestedName: null, name, status, position: i, total,
      etag: null, lastModified: null, acceptRanges: true,
      options: { connections: 8, speedLimit: null, headers: {}, checksum: null, checksumUrl: null, extract: false, deleteArchive: false },
      error: status === 'failed' ? { code: 'HAUL_E_HTTP_STATUS', message: 'The server answered 403 Forbidden.', httpStatus: 403 } : null,
      note: null, checksum: null, extractedTo: null,
      placedFile: status === 'completed' ? { size: total, dev: 2049, ino: 1_000_000 + i, mtimeMs: created } : null,
      createdAt: created, updatedAt: created, completedAt: status === 'completed' ? created + 30_000 : null,
    });
    if (done > 0) progress.push({ id: jobs[i]!.id, segments: [{ start: 0, end: total, done }] });
  }
  store.insertJobs(jobs);
  store.saveProgress(progress);
}

/** Bytes per write and the pause between writes on each connection: a download that keeps running. */
const TRICKLE_BYTES = 2048;
const TRICKLE_EVERY_MS = 200;
export const TRICKLE_SIZE = 256 * 1024 * 1024;

export interface TrickleServers {
  /** One address per host (127.0.0.1, 127.0.0.2, …): per-host limits spread over them. */
  urls: string[];
  close(): void;
}

/** A 256 MiB file served slowly with ranges, on `hosts` loopback addresses. */
export async function startTrickleServers(hosts: number): Promise<TrickleServers> {
  const servers: Server[] = [];
  const urls: string[] = [];
  const close = (): void => {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
  };
  try {
    for (let i = 1; i <= hosts; i++) {
      const server = createServer(trickle);
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, `127.0.0.${i}`, resolve);
      });
      urls.push(`http://127.0.0.${i}:${(server.address() as AddressInfo).port}`);
    }
  } catch (err) {
    close();
    throw err;
  }
  return { urls, close };
}

function trickle(req: IncomingMessage, res: ServerResponse): void {
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  const start = range ? Number(range[1]) : 0;
  const end = range && range[2] ? Math.min(Number(range[2]), TRICKLE_SIZE - 1) : TRICKLE_SIZE - 1;
  const headers = { 'content-length': end - start + 1, 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', etag: '"trickle-1"' };
  if (range) res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${TRICKLE_SIZE}` });
  else res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  const chunk = Buffer.alloc(TRICKLE_BYTES, 0x61);
  let left = end - start + 1;
  const timer = setInterval(() => {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    left -= part.length;
    res.write(part);
    if (left === 0) {
      clearInterval(timer);
      res.end();
    }
  }, TRICKLE_EVERY_MS);
  res.once('close', () => clearInterval(timer));
}
