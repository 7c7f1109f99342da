// Jobs that must not start yet although they are queued (or extracting): their old .part is still
// being deleted after a cancel, or they are being removed. A new run must not race either.

export class StartHolds {
  private readonly count = new Map<string, number>();
  private readonly pending = new Set<Promise<unknown>>();

  /** `released` runs after each hold ends: the queue may move on. */
  constructor(private readonly released: () => void) {}

  has(id: string): boolean {
    return this.count.has(id);
  }

  /** Holds the job until `work` settles (several holds may overlap); returns `work`'s outcome. */
  hold<T>(id: string, work: Promise<T>): Promise<T> {
    this.count.set(id, (this.count.get(id) ?? 0) + 1);
    const done = work.finally(() => {
      const left = this.count.get(id)! - 1;
      if (left === 0) this.count.delete(id);
      else this.count.set(id, left);
      this.pending.delete(done);
      this.released();
    });
    this.pending.add(done);
    return done;
  }

  /** Resolves once every hold has ended, whatever their outcome. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
