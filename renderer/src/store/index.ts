export { createAppStore, initialState, NO_COUNTS, SPEED_HISTORY_SECONDS, type AppState, type AppStore, type Connection, type Notice } from './app-store';
export { connectStore } from './connect-store';
export { applyChanged, fromList, type RowsState } from './job-rows';
export { StoreContext, useApp, useAppStore } from './store-context';
export { anySelected, canCancel, canChangeAddress, canExtract, canMove, canOpen, canPause, canResume, canRetry, canVerify, pauseOrResume, selectedIds, selectedRows } from './job-actions';
export { pickFolder } from './pick-folder';
export { cachedPrefs } from './prefs-cache';
