// xz → Readable. xz-decompress is xz-embedded compiled to WebAssembly (no native build); it keeps
// one dictionary (at most 64 MiB, what `xz -9` uses) and hands out bounded output chunks on demand,
// so memory stays flat whatever the archive claims.

import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import * as xzModule from 'xz-decompress';
import { corrupt } from './errors';

// A webpack UMD bundle: Node's ESM loader sees only `default`, bundlers see the named export.
const XzReadableStream =
  xzModule.XzReadableStream ?? (xzModule as unknown as { default: typeof xzModule }).default.XzReadableStream;

export function unxz(source: Readable): Readable {
  const web = new XzReadableStream(Readable.toWeb(source) as unknown as ReadableStream<Uint8Array>);
  const reader = (web as unknown as WebReadableStream<Uint8Array>).getReader();
  let failed = false;
  return new Readable({
    async read() {
      try {
        // The decoder may hand out empty chunks; pushing one would stall the stream.
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            this.push(null);
            return;
          }
          if (value.byteLength > 0) {
            this.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
            return;
          }
        }
      } catch (err) {
        failed = true;
        this.destroy(corrupt('The xz data is damaged or truncated', err));
      }
    },
    destroy(err, callback) {
      // Cancelling releases the decoder's per-process lock; an errored stream has released it.
      source.destroy();
      if (failed) callback(err);
      else reader.cancel().then(() => callback(err), () => callback(err));
    },
  });
}
