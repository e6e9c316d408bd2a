import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

const root = import.meta.dirname

export default defineConfig({
  main: {
    build: {
      // Pure-JS packages the host loads at start go into the bundle: as hundreds of ESM files in
      // node_modules (kysely, zod, date-fns) they took most of its start-up. Native and CJS ones
      // (better-sqlite3, ws, pinyin-pro's dictionary) stay in node_modules.
      externalizeDeps: { exclude: ['kysely', 'zod', 'date-fns'] },
      rollupOptions: {
        // index: the Electron main process; serve: the same host in plain Node (browser mode).
        input: {
          index: resolve(root, 'src/main/index.ts'),
          serve: resolve(root, 'src/main/serve.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be CommonJS.
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: {
        input: Object.fromEntries(
          ['index', 'reception', 'doctor', 'display', 'admin'].map((page) => [
            page,
            resolve(root, `src/renderer/${page}.html`),
          ]),
        ),
      },
    },
  },
})
