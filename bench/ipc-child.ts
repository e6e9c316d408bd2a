import { spawn, type ChildProcess } from 'node:child_process'

/** A bundled bench body in its own `node` process, spoken to by {type} messages over IPC. */
export interface IpcChild {
  readonly process: ChildProcess
  /** The next message of this type (sent after `send`, when given). */
  next<T>(type: string, send?: { type: string }): Promise<T>
  /** Asks it to stop and waits for it to exit (killed by its pid after 10 s). */
  stop(): Promise<void>
}

export function startIpcChild(
  file: string,
  args: readonly string[],
  nodeOptions: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): IpcChild {
  const child = spawn(process.execPath, [...nodeOptions, file, ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  })
  const waiting: { type: string; done: (m: unknown) => void; fail: (e: Error) => void }[] = []
  child.on('message', (m: { type: string }) => {
    const i = waiting.findIndex((w) => w.type === m.type)
    if (i >= 0) waiting.splice(i, 1)[0]!.done(m)
  })
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      for (const w of waiting.splice(0)) w.fail(new Error(`${file} exited with code ${code}`))
      resolve()
    }),
  )
  return {
    process: child,
    next: <T>(type: string, send?: { type: string }) => {
      const reply = new Promise<T>((done, fail) =>
        waiting.push({ type, done: (m) => done(m as T), fail }),
      )
      if (send) child.send(send)
      return reply
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      if (child.connected) child.send({ type: 'stop' })
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}
