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

/** A storm process that the test kills itself, at moments of its choosing (money-crash on PG). */
export interface Storm {
  readonly child: ChildProcess
  /** How many lines `onLine` called a promise so far. */
  acks: number
  /** Resolves once it printed "ready"; rejects if it exits first. */
  readonly ready: Promise<void>
  /** Resolves once its output has closed (every line written before the kill is read). */
  readonly closed: Promise<void>
  /** The end of what it wrote on stderr (a host's warnings while the server is away, a crash). */
  stderr(): string
  /** Writes one line to its stdin (money-storm.ts: "go", "pause"). */
  send(line: string): void
  /** Resolves on the next line it prints that is exactly `line`. */
  next(line: string): Promise<void>
}

/** Starts a storm with plain node; each stdout line goes to `onLine` (true: an acknowledgement). */
export function startStorm(
  file: string,
  args: string[],
  env: Record<string, string>,
  onLine: (line: string) => boolean,
): Storm {
  const child = spawn(process.execPath, [file, ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  // A killed storm's stdin goes away under a late write: nothing to report.
  child.stdin!.on('error', () => {})
  let tail = ''
  const waiting = new Map<string, (() => void)[]>()
  child.stderr!.on('data', (d: Buffer) => {
    if (process.env.RACE_DEBUG) process.stderr.write(d)
    tail = (tail + d.toString()).slice(-4000)
  })
  const lines = createInterface({ input: child.stdout! })
  let onReady = (): void => {}
  const storm: Storm = {
    child,
    acks: 0,
    ready: new Promise<void>((resolve, reject) => {
      onReady = resolve
      child.on('exit', (code) => reject(new Error(`storm exited (${code}) before it was ready`)))
    }),
    closed: new Promise<void>((resolve) => lines.on('close', resolve)),
    stderr: () => tail,
    send: (line) => void child.stdin!.write(`${line}\n`),
    next: (line) =>
      new Promise<void>((resolve) => waiting.set(line, [...(waiting.get(line) ?? []), resolve])),
  }
  // Killed before it was ready (the test's end): only a caller awaiting `ready` hears of it.
  storm.ready.catch(() => {})
  lines.on('line', (line) => {
    if (line === 'ready') onReady()
    else if (onLine(line)) storm.acks++
    for (const resolve of waiting.get(line) ?? []) resolve()
    waiting.delete(line)
  })
  return storm
}
