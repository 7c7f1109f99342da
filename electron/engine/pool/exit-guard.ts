// No orphan workers: when this process exits, or is told to by SIGINT/SIGTERM, every live pool
// kills its children synchronously. (Workers also leave by themselves when their IPC channel
// closes, which covers a parent that is SIGKILLed.) One set of listeners serves all pools.
const killers = new Set<() => void>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function killAll(): void {
  for (const kill of [...killers]) kill();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  // Listening changes the signal's default (terminate). If nobody else handles it, restore that
  // meaning: drop our listeners and raise it again.
  if (process.listenerCount(signal) === 1) {
    killers.clear();
    uninstall();
    process.kill(process.pid, signal);
  }
}

const listeners = new Map<NodeJS.Signals, () => void>(SIGNALS.map((s) => [s, () => onSignal(s)]));

function install(): void {
  process.on('exit', killAll);
  for (const [signal, l] of listeners) process.on(signal, l);
}

function uninstall(): void {
  process.off('exit', killAll);
  for (const [signal, l] of listeners) process.off(signal, l);
}

/** Registers a synchronous "kill everything now"; returns its unregister function. */
export function guardChildren(kill: () => void): () => void {
  if (killers.size === 0) install();
  killers.add(kill);
  return () => {
    if (killers.delete(kill) && killers.size === 0) uninstall();
  };
}
