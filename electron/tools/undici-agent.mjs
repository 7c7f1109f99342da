// What the engine takes from undici (its Agent and ProxyAgent), without the rest of the package:
// `haul` bundles this instead of undici's index, which also loads fetch, WebSocket, cookies and
// caches at start.
import Agent from 'undici/lib/dispatcher/agent.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';

export { Agent, ProxyAgent };
