// seek-bzip ships no types. Only the block-at-a-time internals that bzip2.ts drives are declared:
// its public decode() runs a whole stream synchronously, which cannot apply backpressure.
declare module 'seek-bzip' {
  export interface ByteInput {
    /** The next byte; bzip2.ts throws at the end instead of returning -1. */
    readByte(): number;
    read(buffer: Buffer, offset: number, length: number): number;
  }
  export interface ByteOutput {
    writeByte(byte: number): void;
  }
  export default class Bunzip {
    constructor(input: ByteInput, output: ByteOutput);
    streamCRC: number;
    reader: { read(bits: number): number };
    /** Reads and decodes the next block's symbols; false at the end-of-stream marker. */
    _init_block(): boolean;
    /** Writes the current block's bytes to the output and checks its CRC. */
    _read_bunzip(): number;
    /** Reads the next stream's "BZh" header (concatenated .bz2 files). */
    _start_bunzip(input: ByteInput, output: ByteOutput): void;
  }
}
