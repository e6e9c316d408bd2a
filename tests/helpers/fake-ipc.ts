import type {
  FrameLike,
  IpcMainLike,
  InvokeEventLike,
  WebContentsLike,
} from '../../src/main/ipc/ipc-adapter'

/**
 * An in-memory stand-in for the parts of Electron's IPC that the adapter and the preload use,
 * faithful where it matters for security and correctness:
 * - every argument and reply crosses by structured clone (a function throws DataCloneError,
 *   a class instance arrives as a plain object without its methods), as Electron does;
 * - ipcMain.handle refuses a second handler for a channel; invoke with no handler rejects;
 * - each call carries its sender webContents (with its id) and the frame it came from
 *   (top frame: parent null; an iframe: parent set);
 * - webContents.send delivers asynchronously and throws once the contents is destroyed.
 */
type MainListener = (event: InvokeEventLike, ...args: unknown[]) => unknown
type RendererListener = (event: { sender: FakeIpcRenderer }, ...args: unknown[]) => void

export class FakeFrame implements FrameLike {
  constructor(
    public url: string,
    readonly parent: FakeFrame | null = null,
  ) {}
}

export class FakeIpcMain implements IpcMainLike {
  readonly #handlers = new Map<string, MainListener>()

  handle(channel: string, listener: MainListener): void {
    if (this.#handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.#handlers.set(channel, listener)
  }

  removeHandler(channel: string): void {
    this.#handlers.delete(channel)
  }

  /** What ipcRenderer.invoke does on the main side: clone in, run the handler, clone out. */
  async invoke(
    sender: FakeWebContents,
    frame: FakeFrame | null,
    channel: string,
    args: unknown[],
  ): Promise<unknown> {
    const cloned = structuredClone(args)
    const handler = this.#handlers.get(channel)
    if (!handler)
      throw new Error(
        `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`,
      )
    let result: unknown
    try {
      result = await handler({ sender, senderFrame: frame }, ...cloned)
    } catch (error) {
      // Electron passes only the message text across, never the error object (so no `cause` either).
      // eslint-disable-next-line preserve-caught-error
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`)
    }
    return structuredClone(result)
  }
}

let nextContentsId = 1

export class FakeWebContents implements WebContentsLike {
  readonly id = nextContentsId++
  readonly mainFrame: FakeFrame
  /** The page's ipcRenderer, as its top frame sees it. */
  readonly ipcRenderer: FakeIpcRenderer
  readonly #main: FakeIpcMain
  #destroyed = false

  constructor(main: FakeIpcMain, url: string) {
    this.#main = main
    this.mainFrame = new FakeFrame(url)
    this.ipcRenderer = new FakeIpcRenderer(main, this, this.mainFrame)
  }

  /** An iframe inside this page, with its own view of ipcRenderer (preloads can run in subframes). */
  subframe(url: string): FakeIpcRenderer {
    return new FakeIpcRenderer(this.#main, this, new FakeFrame(url, this.mainFrame))
  }

  /** A call whose senderFrame is null (the frame went away before the call was handled). */
  detachedRenderer(): FakeIpcRenderer {
    return new FakeIpcRenderer(this.#main, this, null)
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.#destroyed) throw new Error('Object has been destroyed')
    const cloned = structuredClone(args)
    setImmediate(() => this.ipcRenderer.deliver(channel, cloned))
  }

  isDestroyed(): boolean {
    return this.#destroyed
  }

  destroy(): void {
    this.#destroyed = true
  }
}

export class FakeIpcRenderer {
  readonly #listeners = new Map<string, Set<RendererListener>>()
  readonly #main: FakeIpcMain
  readonly #contents: FakeWebContents
  readonly #frame: FakeFrame | null

  constructor(main: FakeIpcMain, contents: FakeWebContents, frame: FakeFrame | null) {
    this.#main = main
    this.#contents = contents
    this.#frame = frame
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    // Electron's invoke is async: a clone failure is a rejected promise, not a synchronous throw.
    return Promise.resolve().then(() =>
      this.#main.invoke(this.#contents, this.#frame, channel, args),
    )
  }

  on(channel: string, listener: RendererListener): this {
    const set = this.#listeners.get(channel) ?? new Set()
    this.#listeners.set(channel, set)
    set.add(listener)
    return this
  }

  removeListener(channel: string, listener: RendererListener): this {
    this.#listeners.get(channel)?.delete(listener)
    return this
  }

  listenerCount(channel: string): number {
    return this.#listeners.get(channel)?.size ?? 0
  }

  /** @internal called by FakeWebContents.send */
  deliver(channel: string, args: unknown[]): void {
    for (const listener of this.#listeners.get(channel) ?? []) listener({ sender: this }, ...args)
  }
}

/** Lets pending sends (delivered on setImmediate) arrive. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
