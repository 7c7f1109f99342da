// What a row's parts can ask the list to do (a hint's "Change address…"), without each row
// holding callbacks: one stable context value for every row.
import { createContext, useContext } from 'react';

export interface ListActions {
  changeAddress(id: string): void;
  retry(id: string): void;
}

export const ListActionsContext = createContext<ListActions>({ changeAddress: () => undefined, retry: () => undefined });

export function useListActions(): ListActions {
  return useContext(ListActionsContext);
}
