// What the engine takes from undici (its Agent and ProxyAgent), without the rest of the package:
// `haul` bundles this instead of undici's index, which also loads fetch, WebSocket, cookies and
// caches at start.
import Agent from 'undici/lib/dispatcher/agent.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';
import connect from 'undici/lib/api/api-connect.js';

// ProxyAgent opens its https:// tunnels with Client#connect, a method undici's index adds to
// every dispatcher: without it, every https:// download through an HTTP proxy failed.
Dispatcher.prototype.connect ??= connect;

export { Agent, ProxyAgent };
