// The page's entry, kept small: on a page the server drew (see first-screen.tsx) the app's code
// loads only once those rows are painted, so fetching and running it never holds up their first
// frame (preloading it from the head made the rows later: its compiling took the CPU they needed).
import { PRERENDERED_ATTRIBUTE } from '../../shared/api/boot-data';
// Here, not with the app: the page's stylesheet is linked in its head, for the server's first screen too.
import './styles/tokens.css';
import './styles/base.css';

/** Resolves after the next frame has been produced (a task queued from requestAnimationFrame runs after it). */
const afterNextFrame = (): Promise<void> =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );

async function boot(): Promise<void> {
  if (document.getElementById('root')?.hasAttribute(PRERENDERED_ATTRIBUTE)) await afterNextFrame();
  // The connection first: it opens while the app's code runs.
  const { earlyApi } = await import('./api/early-api');
  const { start } = await import('./start');
  await start(earlyApi);
}

void boot();
