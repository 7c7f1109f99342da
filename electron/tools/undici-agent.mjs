// What the engine takes from undici (its Agent), without the rest of the package: `haul` bundles
// this instead of undici's index, which also loads fetch, WebSocket, cookies and caches at start.
import Agent from 'undici/lib/dispatcher/agent.js';

export { Agent };
