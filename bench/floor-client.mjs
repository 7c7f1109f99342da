// The least a Node downloader can do for the small-files case with Haul's durability rule, as a
// yardstick for Haul's own overhead (not a product): undici's Agent, 16 files at a time, each
// written to `name.part`, datasynced, closed and renamed, with callback fs calls. No database, no
// naming rules, no retries, no progress.
// Usage: node bench/floor-client.mjs <url-list> <out-dir>
import { close, fdatasync, mkdirSync, open, readFileSync, rename, writev } from 'node:fs';
import { basename, join } from 'node:path';
import { Agent } from 'undici';

const [list, outDir] = process.argv.slice(2);
const urls = readFileSync(list, 'utf8').split('\n').filter((l) => l.trim() !== '');
mkdirSync(outDir, { recursive: true });
const agent = new Agent({ connections: 16 });

function get(url) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const chunks = [];
    let status = 0;
    agent.dispatch({ origin: u.origin, path: u.pathname + u.search, method: 'GET' }, {
      onConnect() {},
      onHeaders(code) {
        status = code;
        return true;
      },
      onData(chunk) {
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        if (status === 200) resolve(chunks);
        else reject(new Error(`HTTP ${status} for ${url}`));
      },
      onError: reject,
    });
  });
}

const step = (fn) => new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));

async function save(path, chunks) {
  const fd = await step((cb) => open(`${path}.part`, 'w', cb));
  await step((cb) => writev(fd, chunks, 0, cb));
  await step((cb) => fdatasync(fd, cb));
  await step((cb) => close(fd, cb));
  await step((cb) => rename(`${path}.part`, path, cb));
}

let next = 0;
async function worker() {
  while (next < urls.length) {
    const url = urls[next++];
    await save(join(outDir, basename(new URL(url).pathname)), await get(url));
  }
}
await Promise.all(Array.from({ length: 16 }, worker));
await agent.close();
