// A GET on undici's dispatch API, without a Readable stream or async iterator in between: chunks
// go straight from the HTTP parser to the consumer. At 1 GiB/s the stream machinery and its
// per-chunk promises were a large share of the main thread's time.
import type { Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import type { TurnBudget } from './turn-budget';

export interface BodySource {
  /**
   * Feeds the body's chunks to `sink` in order. A sink that returns a promise holds the flow (the
   * socket stops being read) until it settles. Resolves at the end of the body or after cancel();
   * rejects with the network error, after every chunk received before it was delivered.
   */
  consume(sink: (chunk: Buffer) => void | Promise<void>): Promise<void>;
  /** Stops reading and drops the connection. Safe to call at any time, more than once. */
  cancel(): void;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: BodySource;
}

class Cancelled extends Error {}

class DispatchResponse implements Dispatcher.DispatchHandler, BodySource {
  private controller: Dispatcher.DispatchController | null = null;
  private readonly queue: Buffer[] = [];
  private sink: ((chunk: Buffer) => void | Promise<void>) | null = null;
  private busy = false;
  /** Waiting for the next turn of the event loop: this turn's budget was used up. */
  private yielding = false;
  private ended = false;
  private cancelled = false;
  private failure: Error | null = null;
  private settle: { resolve: () => void; reject: (e: Error) => void } | null = null;

  constructor(
    private readonly onStart: (r: RawResponse) => void,
    private readonly onFail: (e: Error) => void,
    private readonly budget: TurnBudget | null,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.cancelled) controller.abort(new Cancelled('cancelled'));
  }

  onResponseStart(controller: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders): void {
    if (status < 200) return; // 1xx informational
    controller.pause(); // nothing reads the body until consume()
    this.onStart({ status, headers, body: this });
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    // resume() hands over an empty chunk; pausing again on it could cycle without reading the socket.
    if (this.cancelled || chunk.length === 0) return;
    if (this.sink === null || this.busy || this.yielding || this.budget?.exhausted) {
      this.queue.push(chunk);
      controller.pause();
      if (this.sink !== null && !this.busy) this.yieldTurn();
      return;
    }
    this.deliver(chunk);
  }

  onResponseEnd(): void {
    this.ended = true;
    this.finishIfDone();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.sink === null && this.settle === null && !this.cancelled) {
      // Failed before the response started (connect, headers timeout…), or before consume().
      if (this.queue.length === 0 && !this.ended) this.onFail(error);
    }
    this.failure ??= error;
    this.finishIfDone();
  }

  consume(sink: (chunk: Buffer) => void | Promise<void>): Promise<void> {
    this.sink = sink;
    return new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
      this.drain();
      this.finishIfDone();
    });
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.queue.length = 0;
    if (this.controller && !this.controller.aborted) this.controller.abort(new Cancelled('cancelled'));
    this.finishIfDone();
  }

  private deliver(chunk: Buffer): void {
    this.budget?.spend(chunk.length);
    let r: void | Promise<void>;
    try {
      r = this.sink!(chunk);
    } catch (err) {
      this.sinkFailed(err as Error);
      return;
    }
    if (r) {
      this.busy = true;
      this.controller?.pause();
      r.then(
        () => {
          this.busy = false;
          this.drain();
          this.finishIfDone();
        },
        (err: unknown) => this.sinkFailed(err as Error),
      );
    }
  }

  /** Nothing holds the flow: no chunk in the sink, no wait for the next turn, not cancelled. */
  private get flowing(): boolean {
    return !this.busy && !this.yielding && !this.cancelled;
  }

  private drain(): void {
    while (this.flowing && this.queue.length > 0) {
      if (this.budget?.exhausted) return this.yieldTurn();
      this.deliver(this.queue.shift()!);
    }
    if (this.flowing && this.queue.length === 0 && !this.ended && this.sink) this.controller?.resume();
  }

  /** The socket stays paused (queued chunks wait) until the next turn of the event loop. */
  private yieldTurn(): void {
    if (this.yielding) return;
    this.yielding = true;
    this.budget!.wait(() => {
      this.yielding = false;
      this.drain();
      this.finishIfDone();
    });
  }

  private sinkFailed(err: Error): void {
    this.busy = false;
    const settle = this.settle;
    this.settle = null; // cancel() must not resolve what is about to be rejected
    this.cancel();
    settle?.reject(err);
  }

  private finishIfDone(): void {
    if (!this.settle || this.busy || this.yielding) return;
    if (this.cancelled) {
      this.settle.resolve();
    } else if (this.queue.length > 0) {
      return;
    } else if (this.failure && !(this.failure instanceof Cancelled)) {
      this.settle.reject(this.failure);
    } else if (this.ended) {
      this.settle.resolve();
    } else {
      return;
    }
    this.settle = null;
  }
}

/** Sends the request (GET, or HEAD for a probe); resolves when the response head arrives. */
export function dispatchGet(
  dispatcher: Dispatcher,
  opts: { url: URL; headers: Record<string, string>; signal?: AbortSignal; headersTimeout: number; bodyTimeout: number; budget?: TurnBudget; method?: 'GET' | 'HEAD' },
): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    let started = false;
    const handler = new DispatchResponse(
      (r) => {
        started = true;
        opts.signal?.removeEventListener('abort', onAbort);
        // After the head, the consumer owns cancellation (and the signal is theirs to watch).
        resolve(r);
      },
      (e) => {
        opts.signal?.removeEventListener('abort', onAbort);
        reject(e);
      },
      opts.budget ?? null,
    );
    const onAbort = (): void => {
      if (started) return;
      handler.cancel();
      const err = new Error('Request aborted');
      err.name = 'AbortError';
      reject(err);
    };
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    dispatcher.dispatch(
      {
        origin: opts.url.origin,
        path: opts.url.pathname + opts.url.search,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        headersTimeout: opts.headersTimeout,
        bodyTimeout: opts.bodyTimeout,
      },
      handler,
    );
  });
}
