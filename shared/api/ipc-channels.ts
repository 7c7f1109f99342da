/** Electron IPC channel names, shared by main and preload. */
export const IPC_INVOKE = 'haul:invoke';
export const IPC_EVENT = 'haul:event';
