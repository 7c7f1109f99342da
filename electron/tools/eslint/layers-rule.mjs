// Layering rule in the spirit of VS Code's import rules: every file belongs to exactly one
// layer, every layer lists what it may import, and a file that maps to no layer is an error.
import path from 'node:path';
import { builtinModules } from 'node:module';

const builtins = new Set(builtinModules);

/** Ordered: the first matching prefix wins. */
export const LAYERS = [
  { name: 'shared', prefix: 'shared/', may: ['shared', 'pkg'] },
  { name: 'engine', prefix: 'electron/engine/', may: ['shared', 'engine', 'node', 'pkg'] },
  { name: 'workers', prefix: 'electron/workers/', may: ['shared', 'workers', 'node', 'pkg'] },
  { name: 'server', prefix: 'electron/server/', may: ['shared', 'engine', 'server', 'node', 'pkg'] },
  { name: 'cli', prefix: 'electron/cli/', may: ['shared', 'engine', 'server', 'cli', 'node', 'pkg'] },
  { name: 'main', prefix: 'electron/main/', may: ['shared', 'engine', 'server', 'main', 'node', 'pkg', 'electron'] },
  { name: 'preload', prefix: 'electron/preload/', may: ['shared', 'preload', 'electron'] },
  { name: 'tools', prefix: 'electron/tools/', may: ['tools', 'node', 'pkg', 'electron'] },
  { name: 'renderer', prefix: 'renderer/', may: ['shared', 'renderer', 'pkg'] },
  // Tests may run the renderer's plain modules (its WebSocket client, its list logic) in Node against a real server.
  { name: 'test', prefix: 'test/', may: ['shared', 'engine', 'workers', 'server', 'cli', 'renderer', 'test', 'node', 'pkg'] },
  { name: 'bench', prefix: 'bench/', may: ['shared', 'engine', 'workers', 'server', 'cli', 'test', 'bench', 'node', 'pkg'] },
  { name: 'config', prefix: '', exact: true, may: ['node', 'pkg', 'tools'] },
];

/** npm packages each runtime may not use even though 'pkg' is allowed. */
const FORBIDDEN_PACKAGES = {
  shared: /^(react|react-dom|undici|better-sqlite3|ws|tar|yauzl)(\/|$)/,
  renderer: /^(undici|better-sqlite3|ws|tar|yauzl)(\/|$)/,
  engine: /^(react|react-dom)(\/|$)/,
  workers: /^(react|react-dom|undici|better-sqlite3)(\/|$)/,
};

export function layerOf(relPath) {
  const p = relPath.split(path.sep).join('/');
  for (const layer of LAYERS) {
    if (layer.exact) {
      if (!p.includes('/')) return layer;
    } else if (p.startsWith(layer.prefix)) {
      return layer;
    }
  }
  return undefined;
}

function kindOf(spec, fromFile, root) {
  if (spec === 'electron' || spec.startsWith('electron/')) return { kind: 'electron' };
  if (spec.startsWith('node:') || builtins.has(spec.split('/')[0])) return { kind: 'node' };
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = path.relative(root, path.resolve(path.dirname(fromFile), spec));
    const layer = layerOf(target);
    return layer ? { kind: layer.name } : { kind: 'unmapped', target };
  }
  return { kind: 'pkg', name: spec };
}

/** The renderer feature a file belongs to (renderer/src/features/<name>/…), if any. */
function featureOf(relPath) {
  const m = /^renderer\/src\/features\/([^/]+)(?:\/|$)/.exec(relPath.split(path.sep).join('/'));
  return m ? m[1] : null;
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the process layering described in DESIGN.md' },
    schema: [],
    messages: {
      unmapped: 'File "{{file}}" belongs to no layer; map it in electron/tools/eslint/layers-rule.mjs.',
      forbidden: 'Layer "{{layer}}" may not import {{what}} ("{{spec}}").',
      crossFeature: 'Feature "{{from}}" may not import feature "{{to}}" ("{{spec}}"): features meet in the store and in app/.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const rel = path.relative(root, file);
    const layer = layerOf(rel);

    function check(node, spec) {
      if (!layer || typeof spec !== 'string') return;
      const k = kindOf(spec, file, root);
      const forbiddenPkg = FORBIDDEN_PACKAGES[layer.name];
      let bad = false;
      if (k.kind === 'unmapped') bad = true;
      else if (!layer.may.includes(k.kind)) bad = true;
      else if (k.kind === 'pkg' && forbiddenPkg && forbiddenPkg.test(k.name)) bad = true;
      const fromFeature = featureOf(rel);
      const toFeature = spec.startsWith('.') ? featureOf(path.relative(root, path.resolve(path.dirname(file), spec))) : null;
      if (fromFeature && toFeature && fromFeature !== toFeature) {
        context.report({ node, messageId: 'crossFeature', data: { from: fromFeature, to: toFeature, spec } });
      }
      if (bad) {
        const what = k.kind === 'pkg' ? `package "${k.name}"` : `the ${k.kind} layer`;
        context.report({ node, messageId: 'forbidden', data: { layer: layer.name, what, spec } });
      }
    }

    return {
      Program(node) {
        if (!layer) context.report({ node, messageId: 'unmapped', data: { file: rel } });
      },
      ImportDeclaration(node) {
        check(node, node.source.value);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value);
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value);
      },
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};
