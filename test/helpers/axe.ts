// An axe-core audit of the page as it is now: the violations people using a screen reader or a
// keyboard would hit, in words a test failure can show.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

export async function auditAccessibility(page: Page, include?: string): Promise<AxeViolation[]> {
  // Through the debugging protocol, not a <script> tag: the served page's CSP rightly refuses inline scripts.
  await page.evaluate(await readFile(axePath, 'utf8'));
  // Runs in the page; globalThis because this file is typed for Node, without the DOM.
  return page.evaluate(async ([selector, options]) => {
    const g = globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResult> }; document: unknown };
    const result = await g.axe.run(selector ? { include: [selector] } : g.document, options);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, [include ?? null, AXE_OPTIONS] as const);
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

const AXE_OPTIONS = { resultTypes: ['violations'], runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] };
