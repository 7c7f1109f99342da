// Creates whole small files on a helper thread, one message per file. Creating a file is the
// bulk of extracting thousands of small entries; doing it here lets the main thread read and
// inflate the next entries meanwhile. Not libuv's async fs: open, write, futimes and close are a
// thread-pool round trip each, which measured slower than doing everything synchronously.
// The thread runs a few lines of plain JavaScript (eval), so no build step has to know about it.

import { Worker } from 'node:worker_threads';

/** What the thread does for one file: O_EXCL|O_NOFOLLOW creation; a same-named file is replaced. */
const THREAD_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const FLAGS = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW || 0);
function create(path, mode) {
  try {
    return fs.openSync(path, FLAGS, mode);
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
    if (fs.lstatSync(path).isDirectory()) return -1;
    fs.unlinkSync(path);
    return fs.openSync(path, FLAGS, mode);
  }
}
parentPort.on('message', ({ id, path, data, mode, mtime }) => {
  try {
    const fd = create(path, mode);
    if (fd === -1) return parentPort.postMessage({ id, folder: true });
    try {
      for (let off = 0; off < data.length; ) off += fs.writeSync(fd, data, off);
      if (mtime !== null) fs.futimesSync(fd, mtime / 1000, mtime / 1000);
    } finally {
      fs.closeSync(fd);
    }
    parentPort.postMessage({ id });
  } catch (err) {
    parentPort.postMessage({ id, code: err && err.code, message: String(err && err.message) });
  }
});
`;

interface Reply {
  id: number;
  /** A folder of that name already exists. */
  folder?: boolean;
  code?: string;
  message?: string;
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
  onFolder: () => Error;
}

export class WriteThread {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiters = new Map<number, Waiter>();

  /** Creates `path` holding `data`; `onFolder` makes the error when a folder of that name exists. */
  write(path: string, data: Buffer, mode: number, mtime: Date | null, onFolder: () => Error): Promise<void> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiters.set(id, { resolve, reject, onFolder });
      worker.postMessage({ id, path, data, mode, mtime: mtime ? mtime.getTime() : null });
    });
  }

  /** Stops the thread; call only when no write is pending. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(THREAD_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', (r: Reply) => this.settle(r));
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', () => {
      // Messages to a dead thread vanish: never leave a write waiting on one.
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error('the file-writing thread stopped'));
    });
    this.worker = worker;
    return worker;
  }

  private settle(r: Reply): void {
    const w = this.waiters.get(r.id);
    if (!w) return;
    this.waiters.delete(r.id);
    if (r.folder) w.reject(w.onFolder());
    else if (r.message !== undefined) w.reject(Object.assign(new Error(r.message), { code: r.code }));
    else w.resolve();
  }

  private failAll(err: Error): void {
    for (const w of this.waiters.values()) w.reject(err);
    this.waiters.clear();
  }
}
