import { Transform, type TransformCallback } from 'node:stream';

/** Pass-through that counts the compressed bytes read, for the ratio check and progress. */
export class ByteCounter extends Transform {
  bytes = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}
