// Lint for ClinicDesk. Besides the usual checks it keeps each process's code where it belongs
// (DESIGN.md §2): the shared contract runs everywhere, services never need Electron, and the
// renderer reaches the host only through the bridge.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'
import tseslint from 'typescript-eslint'

const electron = {
  name: 'electron',
  message: 'Only src/main (outside services/ and db/) and src/preload may import Electron.',
}
const nodeBuiltins = [
  { group: ['node:*'], message: 'src/shared runs in the renderer too: no Node built-ins.' },
  // Bare names ("fs", "path/posix") are the same modules without the prefix.
  ...builtinModules.map((name) => ({
    group: [name, `${name}/*`],
    message: 'src/shared runs in the renderer too: no Node built-ins.',
  })),
]

export default tseslint.config(
  { ignores: ['out/', '.tmp/', 'node_modules/', 'dist/', 'docs/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed parameters document a position the signature requires.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Type-aware where it is cheap and catches real bugs: a forgotten await loses an error or a rollback.
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, { name: 'react', message: 'src/shared is UI-free: no React.' }],
          patterns: [
            ...nodeBuiltins,
            {
              group: ['react/*', 'react-dom', 'react-dom/*'],
              message: 'src/shared is UI-free: no React.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/services/**/*.ts', 'src/main/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electron], patterns: [{ group: ['electron/*'], message: electron.message }] },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'A screen reaches the host only through the bridge (window.clinic or the WebSocket).',
            },
          ],
          patterns: [
            {
              regex: '^(\\.\\./)+main(/|$)',
              message: 'The renderer imports nothing from src/main: share code through src/shared.',
            },
          ],
        },
      ],
    },
  },
)
