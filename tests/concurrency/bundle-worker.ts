import { mkdirSync, mkdtempSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { build } from 'vite'

/**
 * Bundles a worker .ts file once with Vite (so import.meta.glob and TypeScript work exactly as
 * through scripts/run-ts.mjs) into one .mjs that plain `node` starts in a fraction of a second.
 * On two shared cores, eight simultaneous run-ts starts took minutes; one build plus plain
 * starts keeps the concurrency tests about concurrency, not about start-up.
 * Packages stay external: the bundle loads better-sqlite3 & co. from node_modules.
 */
export async function bundleWorker(entry: string): Promise<string> {
  const root = resolve(import.meta.dirname, '../..')
  // Inside the project, so that the bundle's imports of packages resolve to node_modules.
  const cache = join(root, 'node_modules', '.cache', 'clinicdesk-workers')
  mkdirSync(cache, { recursive: true })
  const outDir = mkdtempSync(join(cache, 'w-'))
  await build({
    configFile: false,
    root,
    logLevel: 'error',
    build: {
      ssr: resolve(root, entry),
      outDir,
      emptyOutDir: false,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { format: 'es', entryFileNames: '[name].mjs' } },
    },
  })
  return join(outDir, `${basename(entry, '.ts')}.mjs`)
}
