// Collects what the reporter writes during one turn of the event loop and writes it as one chunk:
// stdout to a pipe is synchronous in Node, and 1,000 small downloads print ~3,000 lines.
export interface BatchedOutput {
  write(text: string): void;
  /** Writes what is pending now (also done on process exit). */
  flush(): void;
}

export function batchedOutput(sink: (text: string) => void): BatchedOutput {
  let pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    sink(text);
  };
  process.on('exit', flush);
  return {
    write(text) {
      pending.push(text);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
