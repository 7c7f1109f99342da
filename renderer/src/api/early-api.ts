// The engine's connection, opened as the page's first act (main.tsx imports this before anything
// else): its handshake completes while the rest of the code loads, so the first requests leave
// before React's first render instead of after it.
import { connectApi } from './connect';

export const earlyApi = connectApi();
