#!/usr/bin/env node
// `npm start [-- --demo]`: builds, then starts the desktop app where Electron's runtime is
// installed; where it is not, says so in one line and starts browser mode instead (the same
// host in plain Node, printing each screen's address). --demo (or CLINIC_DEMO=1) loads the demo clinic.
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { electronRuntime } from './electron-runtime.mjs'

const root = join(import.meta.dirname, '..')
const args = process.argv.slice(2)
const env = { ...process.env, ...(args.includes('--demo') ? { CLINIC_DEMO: '1' } : {}) }

const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
  {
    cwd: root,
    stdio: 'inherit',
  },
)
if (build.status !== 0) process.exit(build.status ?? 1)

const runtime = electronRuntime()
let child
if (runtime.ok) {
  child = spawn(runtime.path, [root, ...args], { cwd: root, env, stdio: 'inherit' })
} else {
  console.log(`${runtime.reason}: starting browser mode instead.`)
  child = spawn(process.execPath, [join(root, 'out', 'main', 'serve.js'), ...args], {
    cwd: root,
    env,
    stdio: 'inherit',
  })
}

// Ctrl+C reaches the child through the terminal; a SIGTERM sent to this process is passed on.
process.on('SIGTERM', () => child.kill('SIGTERM'))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
