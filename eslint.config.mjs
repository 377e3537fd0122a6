// Lint rules that make the runtime boundaries errors (VS Code's code-layering, Signal's
// per-runtime package lists): where code runs decides what it may import.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Packages that one module alone may import. */
export const OWNED_PACKAGES = [
  { name: 'better-sqlite3', owner: 'electron/core/store/**', message: 'Only electron/core/store may open the database; use its API.' },
  { name: 'onnxruntime-node', owner: 'electron/core/inference/runtime/**', message: 'Only electron/core/inference/runtime may load ONNX Runtime; use its API.' },
  { name: 'electron', owner: 'electron/main/**', message: 'Only electron/main may import Electron; core, shared and server run without it.' },
];

const ownedPaths = (except) =>
  OWNED_PACKAGES.filter((p) => p.name !== except).map((p) => ({ name: p.name, message: p.message }));

const rendererPatterns = [
  { regex: '(^|/)electron/(core|main|server|cli)(/|$)', message: 'The renderer may import only electron/shared from electron/.' },
];

/** Builds one no-restricted-imports rule from shared parts, so overrides do not drop the others. */
const restrict = ({ paths = [], patterns = [] }) => ['error', { paths, patterns }];

export default tseslint.config(
  { ignores: ['dist/**', '.tsbuild/**', 'node_modules/**', 'test-results/**', 'native-models/**/*.onnx'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restrict({ paths: OWNED_PACKAGES.map((p) => ({ name: p.name, message: p.message })) }),
    },
  },
  ...OWNED_PACKAGES.map((p) => ({
    files: [`${p.owner.replace(/\*\*$/, '')}**/*.ts`],
    rules: { 'no-restricted-imports': restrict({ paths: ownedPaths(p.name) }) },
  })),
  {
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        paths: [...OWNED_PACKAGES.map((p) => ({ name: p.name, message: p.message })), ...nodeBuiltins.map((name) => ({ name, message: 'electron/shared runs everywhere; it cannot use Node built-ins.' }))],
        patterns: [{ regex: '(^|/)(core|main|server|cli)/', message: 'electron/shared imports nothing from other runtimes.' }],
      }),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.mts'],
    rules: {
      'no-restricted-imports': restrict({
        paths: [
          ...OWNED_PACKAGES.map((p) => ({ name: p.name, message: p.message })),
          ...nodeBuiltins.map((name) => ({ name, message: 'The renderer is sandboxed: no Node built-ins.' })),
        ],
        patterns: rendererPatterns,
      }),
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests may inspect the database and runtime directly to check what the app wrote.
    files: ['test/**/*.ts', 'build/**/*.{mjs,ts}', '*.mts', 'renderer/vite.config.mts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
