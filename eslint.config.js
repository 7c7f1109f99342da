import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { layersRule } from './electron/tools/eslint/layers-rule.mjs';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'bench/.data/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    plugins: { haul: { rules: { layers: layersRule } } },
    rules: {
      'haul/layers': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "ImportDeclaration[source.value='undici'] ImportSpecifier[imported.name='fetch']", message: "Don't use undici's fetch for downloads: it adds Accept-Encoding. Use request/stream/dispatch." },
      ],
    },
  },
  {
    files: ['electron/**', 'test/**', 'bench/**', '*.js', '*.ts', '*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // shared/ runs in both worlds: no Node or browser globals.
    files: ['shared/**'],
    languageOptions: { globals: { ...globals.es2023 } },
  },
);
