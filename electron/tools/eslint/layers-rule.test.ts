import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layersRule } from './layers-rule.mjs';

const cwd = '/repo';

/** Source text that imports `names` from the Electron package (built, so this file imports nothing from it). */
const fromElectron = (names: string): string => `import { ${names} } from '${['elec', 'tron'].join('')}';`;

function lint(file: string, code: string): string[] {
  const linter = new Linter({ cwd });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: { parser: tseslint.parser as Linter.Parser },
        plugins: { haul: { rules: { layers: layersRule } } },
        rules: { 'haul/layers': 'error' },
      },
    ],
    { filename: `${cwd}/${file}` },
  );
  return messages.map((m) => m.message);
}

describe('layering lint rule', () => {
  it('keeps Node and Electron out of shared/', () => {
    expect(lint('shared/x.ts', "import { readFile } from 'node:fs';")[0]).toMatch(/Layer "shared" may not import the node layer/);
    expect(lint('shared/x.ts', "import 'fs';")[0]).toMatch(/node layer/);
    expect(lint('shared/x.ts', fromElectron('app'))[0]).toMatch(/electron layer/);
    expect(lint('shared/x.ts', "import { request } from 'undici';")[0]).toMatch(/package "undici"/);
    expect(lint('shared/x.ts', "import { z } from 'zod';")).toEqual([]);
  });

  it('never lets the engine import electron or the main process', () => {
    expect(lint('electron/engine/a.ts', fromElectron('app'))[0]).toMatch(/electron layer/);
    expect(lint('electron/engine/a.ts', "import { x } from '../main/index';")[0]).toMatch(/main layer/);
    expect(lint('electron/engine/a.ts', "import { readFile } from 'node:fs/promises'; import { z } from '../../shared/x';")).toEqual([]);
  });

  it('lets the renderer import only shared code and browser packages', () => {
    expect(lint('renderer/src/a.tsx', "import { x } from '../../electron/engine/engine';")[0]).toMatch(/engine layer/);
    expect(lint('renderer/src/a.tsx', "import { readFile } from 'node:fs';")[0]).toMatch(/node layer/);
    expect(lint('renderer/src/a.tsx', "import { useState } from 'react'; import type { JobSnapshot } from '../../shared/models/job';")).toEqual([]);
  });

  it('lets only main (and preload, for contextBridge) import electron', () => {
    expect(lint('electron/main/a.ts', fromElectron('app'))).toEqual([]);
    expect(lint('electron/preload/a.ts', fromElectron('contextBridge'))).toEqual([]);
    expect(lint('electron/preload/a.ts', "import { Engine } from '../engine/engine';")[0]).toMatch(/engine layer/);
    expect(lint('electron/cli/a.ts', fromElectron('app'))[0]).toMatch(/electron layer/);
  });

  it('reports a file that belongs to no layer', () => {
    expect(lint('misc/thing.ts', 'export const a = 1;')[0]).toMatch(/belongs to no layer/);
  });

  it('checks dynamic imports and re-exports too', () => {
    expect(lint('shared/x.ts', "export { a } from 'node:fs';")[0]).toMatch(/node layer/);
    expect(lint('shared/x.ts', "void import('node:fs');")[0]).toMatch(/node layer/);
  });
});

describe('renderer features', () => {
  it('never import one another: they meet in the store and in app/', () => {
    expect(lint('renderer/src/features/task-list/row.tsx', "import { AddDialog } from '../add-dialog';")[0]).toMatch(/Feature "task-list" may not import feature "add-dialog"/);
    expect(lint('renderer/src/features/task-list/row.tsx', "import { bar } from './bar'; import { useApp } from '../../store';")).toEqual([]);
    expect(lint('renderer/src/app/app.tsx', "import { TaskList } from '../features/task-list';")).toEqual([]);
  });
});
