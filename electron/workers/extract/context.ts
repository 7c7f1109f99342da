import type { ExtractMeter } from './meter';
import type { OutputTree } from './output-tree';

/** What every reader gets: the archive, the meter that enforces caps, the tree that writes. */
export interface ExtractContext {
  archive: string;
  fileName: string;
  signal?: AbortSignal;
  meter: ExtractMeter;
  tree: OutputTree;
  /** Compressed bytes consumed so far; each reader installs its own counter. */
  compressedRead: () => number;
}
