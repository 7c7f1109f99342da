// Paths claimed by downloads that are not finished yet, so two jobs never pick the same file name
// (the disk shows a name only once its .part exists). A job holds one path at a time; a finished
// or removed job lets go of it, so the map stays as large as the unfinished jobs.
export class NameReservations {
  private readonly byPath = new Map<string, string>();
  private readonly byJob = new Map<string, string>();

  owner(path: string): string | undefined {
    return this.byPath.get(path);
  }

  /** `path` is now the job's; a path it held before is free again. */
  reserve(path: string, jobId: string): void {
    const before = this.byJob.get(jobId);
    if (before !== undefined && this.byPath.get(before) === jobId) this.byPath.delete(before);
    this.byPath.set(path, jobId);
    this.byJob.set(jobId, path);
  }

  release(jobId: string): void {
    const path = this.byJob.get(jobId);
    if (path === undefined) return;
    this.byJob.delete(jobId);
    if (this.byPath.get(path) === jobId) this.byPath.delete(path);
  }

  get size(): number {
    return this.byPath.size;
  }
}
