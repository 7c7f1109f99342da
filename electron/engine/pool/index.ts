// The process pool for CPU-bound work. The engine receives a Spawner from whoever starts it
// (utilityProcess in electron/main, child_process here) and the worker script's path.
export { ProcessPool, defaultPoolSize, type ProcessPoolOptions, type RunOptions } from './process-pool';
export type { HashSession } from './hash-session';
export { ChildProcessSpawner } from './child-process-spawner';
export { describeExit, type SpawnOptions, type Spawner, type WorkerExit, type WorkerProcess } from './spawner';
