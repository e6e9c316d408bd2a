import WebSocket from 'ws'

/** Web Storage kept in memory: what sessionStorage and localStorage are to one tab. */
class MemoryStorage {
  readonly #items = new Map<string, string>()
  get length(): number {
    return this.#items.size
  }
  key = (i: number): string | null => [...this.#items.keys()][i] ?? null
  getItem = (k: string): string | null => this.#items.get(k) ?? null
  setItem = (k: string, v: string): void => void this.#items.set(k, String(v))
  removeItem = (k: string): void => void this.#items.delete(k)
  clear = (): void => this.#items.clear()
}

/**
 * The `ws` client with the browser's manners: a failed connection is reported by onclose, never
 * thrown (an EventEmitter with no 'error' listener would crash the process).
 */
class BrowserLikeWebSocket extends WebSocket {
  constructor(url: string) {
    super(url)
    this.on('error', () => {})
  }
}

/**
 * Gives this Node process what a renderer page gets from Chromium — window, location, Web Storage
 * and a WebSocket — so the renderer's own bridge and stores run unchanged against a real host.
 * Call it before the first import of anything under src/renderer (the bridge connects on import);
 * `hostAddress` is host:port of the page's origin, whose /rpc the bridge dials.
 */
export function installRendererGlobals(hostAddress: string, page = 'reception.html'): void {
  Object.assign(globalThis, {
    window: globalThis,
    location: new URL(`http://${hostAddress}/${page}`),
    sessionStorage: new MemoryStorage(),
    localStorage: new MemoryStorage(),
    WebSocket: BrowserLikeWebSocket,
  })
}
