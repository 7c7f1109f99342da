import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { HAUL_VERSION } from '../../shared/version';

it('is the version package.json gives', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(HAUL_VERSION).toBe(pkg.version);
});
