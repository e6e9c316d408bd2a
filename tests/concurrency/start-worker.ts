import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface Worker {
  readonly child: ChildProcess
  /** Every line it printed so far. */
  readonly lines: string[]
  /** Its exit code. */
  readonly done: Promise<number>
}

/** Starts a bundled worker with plain node and resolves once it has printed "ready". */
export function startWorker(
  file: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Worker> {
  const child = spawn(process.execPath, [file, ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines: string[] = []
  const done = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)))
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line)
      if (process.env.RACE_DEBUG) console.error(`[worker ${child.pid}] ${line}`)
      if (line === 'ready') resolve({ child, lines, done })
    })
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready`)))
  })
}

/**
 * Starts a storm and SIGKILLs it `killAfterMs` after the first line `onLine` calls a promise
 * (an acknowledged write). Resolves once its output has closed: every line written before the
 * kill is still in the pipe, so wait for the stream, not just the exit.
 */
export function killDuringStorm(
  file: string,
  args: string[],
  killAfterMs: number,
  onLine: (line: string) => boolean,
): Promise<void> {
  const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  let timer: NodeJS.Timeout | undefined
  const lines = createInterface({ input: child.stdout! })
  lines.on('line', (line) => {
    if (onLine(line) && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
  })
  return new Promise((resolve, reject) => {
    lines.on('close', () =>
      child.signalCode === 'SIGKILL' || child.exitCode === null
        ? resolve()
        : reject(new Error(`storm exited by itself (${child.exitCode})`)),
    )
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`storm exited by itself (${code ?? signal})`))
    })
  })
}
