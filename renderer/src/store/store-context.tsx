// How views reach the store: a context holding it, and hooks that select narrow slices.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './app-store';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreContext.Provider>');
  return store;
}

/** A slice of the state; the component repaints only when the slice changes (Object.is). */
export function useApp<T>(select: (s: AppState) => T): T {
  return useStore(useAppStore(), select);
}
