// Headers on every response of `haul serve`. The CSP allows only the served files: scripts from
// this origin alone (no eval, and inline only the page's own, by its hash), connections to this
// origin alone (its WebSocket included), no framing. Inline styles stay allowed: dialog and menu
// primitives add a <style> element and positions as style attributes; a style cannot run code.
// No Cross-Origin-Opener-Policy: it makes Chromium put the page in a new browsing context group,
// starting a second renderer process after the response came in (about 170 ms to the first rows,
// measured from a new tab). What it guards, a page of another origin holding the UI's window, is
// covered already: that page cannot read the window (same-origin policy), the UI listens to no
// messages, its API refuses other Origins, and other sites do not get the SameSite=Strict cookie.
import { createHash } from 'node:crypto';

function csp(scriptHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': csp(),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};

/** The page's inline scripts (plain `<script>`, as the built index.html has one) as CSP hash sources. */
function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
}

/** The CSP for a page: its own inline scripts allowed by their hash, and no other. */
export function pageCsp(html: string): string {
  return csp(inlineScriptHashes(html));
}
