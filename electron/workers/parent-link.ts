// The worker's line to the pool, under either runtime: Electron's utilityProcess exposes
// `process.parentPort`; child_process.fork gives `process.send`. Nothing else differs.
import type { FromWorker } from '../../shared/pool-protocol';

export interface ParentLink {
  post(message: FromWorker): void;
  listen(handler: (message: unknown) => void): void;
}

/** The slice of Electron's ParentPort we use, declared here because workers never import electron. */
interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

export function connectToParent(): ParentLink {
  const port = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (port) {
    return {
      post: (message) => port.postMessage(message),
      listen: (handler) => void port.on('message', (event) => handler(event.data)),
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    // The pool is gone (even if it was SIGKILLed): nobody will ever read our results, so leave.
    process.on('disconnect', () => process.exit(0));
    return {
      // The callback swallows the error of a send racing the parent's exit; 'disconnect' follows.
      post: (message) => void send(message, undefined, undefined, () => undefined),
      listen: (handler) => void process.on('message', handler),
    };
  }
  throw new Error('This worker must be started by the process pool (no parentPort or IPC channel)');
}
