#!/usr/bin/env node
// `npm run package [-- electron-builder flags]`: builds, then packages with electron-builder.
// electron-builder downloads the Electron zip for each target; where that download cannot be
// made (these machines reach only the npm registry), it fails with a long stack trace. This
// script keeps electron-builder's full output in .tmp/package.log and, for that failure, ends
// with one sentence that says what is missing and where the offline route is written.
import { spawn, spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const GITHUB = 'https://github.com/electron/electron/releases'
const bin = (pkg, file) => join(root, 'node_modules', pkg, ...file.split('/'))

const args = process.argv.slice(2)
const offlineRoute =
  'package offline from an unpacked runtime as the top of electron-builder.yml describes ' +
  '(-c.electronDist=DIR -c.npmRebuild=false)'

// Refuse before the build and the native rebuild (minutes) when the zip cannot be had anyway.
if (!args.some((a) => /electronDist/.test(a)) && !cachedZip() && !(await reachable(GITHUB))) {
  console.error(
    `Packaging needs the Electron ${electronVersion()} runtime zip, which this machine can neither ` +
      `find in its cache nor download from ${GITHUB}; ${offlineRoute}.`,
  )
  process.exit(1)
}

const build = spawnSync(process.execPath, [bin('electron-vite', 'bin/electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
})
if (build.status !== 0) process.exit(build.status ?? 1)

mkdirSync(join(root, '.tmp'), { recursive: true })
const logPath = join(root, '.tmp', 'package.log')
const log = createWriteStream(logPath)
const builder = spawn(process.execPath, [bin('electron-builder', 'cli.js'), ...args], {
  cwd: root,
  stdio: ['inherit', 'pipe', 'pipe'],
})
let output = ''
for (const stream of [builder.stdout, builder.stderr]) {
  stream.on('data', (chunk) => {
    output += chunk
    log.write(chunk)
  })
}

builder.on('exit', (code) => {
  log.end()
  if (code === 0) {
    process.stdout.write(output)
    return
  }
  if (isDownloadFailure(output)) {
    console.error(
      `Packaging needs the Electron ${electronVersion()} runtime zip, which this machine cannot ` +
        `download; ${offlineRoute}. Full log: ${logPath}`,
    )
  } else {
    process.stderr.write(output)
  }
  process.exit(code ?? 1)
})

/** The errors a blocked download gives: DNS, refused or reset connections, timeouts, 403/404. */
function isDownloadFailure(text) {
  return (
    /electron-v[\d.]+-[\w-]+\.zip|github\.com\/electron|downloading.*electron/i.test(text) &&
    /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|status code 40\d|socket hang up|getaddrinfo/i.test(
      text,
    )
  )
}

function electronVersion() {
  return createRequire(import.meta.url)('electron/package.json').version
}

/** A zip of this Electron version in @electron/get's cache (~/.cache/electron/<hash>/). */
function cachedZip() {
  const cache = process.env.electron_config_cache ?? join(homedir(), '.cache', 'electron')
  if (!existsSync(cache)) return false
  const name = new RegExp(`^electron-v${electronVersion().replaceAll('.', '\\.')}-.*\\.zip$`)
  return readdirSync(cache, { recursive: true }).some((file) =>
    name.test(String(file).split('/').pop()),
  )
}

async function reachable(url) {
  if (process.env.ELECTRON_MIRROR) return true
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) })
    return true
  } catch {
    return false
  }
}
