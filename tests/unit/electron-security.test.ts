import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/main/host/csp'
import { secureWebPreferences } from '../../src/main/windows/web-preferences'
import {
  denyPermissionCheck,
  guardContents,
  lockDown,
  withCsp,
  type GuardedContents,
  type LockableSession,
} from '../../src/main/windows/window-policy'

const ROOT = join(import.meta.dirname, '..', '..')
const files = (dir: string, ext: RegExp): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : []
  })

describe('webPreferences of every window', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs')
  test('sandboxed, isolated, no Node, web security on, no webview', () => {
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    })
  })

  test('every BrowserWindow in the main process takes them, and nothing in src turns one off', () => {
    const main = files(join(ROOT, 'src', 'main'), /\.ts$/)
    for (const file of main) {
      const text = readFileSync(file, 'utf8')
      const windows = text.split('new BrowserWindow(').slice(1)
      for (const w of windows)
        expect(w.slice(0, 800), file).toMatch(
          /webPreferences: \{\s*\.\.\.secureWebPreferences\([^\n]*\),\s*sandbox: true,\s*contextIsolation: true,\s*disableBlinkFeatures: 'Auxclick',\s*(autoplayPolicy: autoplayPolicyFor\(screen\.kind\),?\s*)?\}/,
        )
    }
    for (const file of files(join(ROOT, 'src'), /\.(ts|tsx)$/)) {
      const text = readFileSync(file, 'utf8')
      expect(text, file).not.toMatch(
        /nodeIntegration\w*:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false|webviewTag:\s*true|allowRunningInsecureContent:\s*true/,
      )
      expect(text, file).not.toMatch(
        /openExternal|enableBlinkFeatures|insecure-content|disable-web-security/,
      )
    }
  })
})

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split('; ').map((d) => [
      d.split(' ')[0],
      d.split(' ').slice(1).join(' '),
    ]),
  )
  test('only our own scripts, nothing inline or evaluated, no plugins, no framing, connections only back home', () => {
    expect(directives.get('default-src')).toBe("'none'")
    expect(directives.get('script-src')).toBe("'self'")
    expect(directives.get('object-src')).toBe("'none'")
    expect(directives.get('base-uri')).toBe("'none'")
    expect(directives.get('frame-ancestors')).toBe("'none'")
    expect(directives.get('form-action')).toBe("'none'")
    expect(directives.get('connect-src')).toBe("'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|http:|https:/)
  })

  test('every page carries the same policy in a meta tag (for file:// loads, where no header exists)', () => {
    const pages = files(join(ROOT, 'src', 'renderer'), /\.html$/)
    expect(pages.length).toBeGreaterThanOrEqual(5)
    const headerWithoutFraming = CONTENT_SECURITY_POLICY.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ')
    for (const page of pages) {
      const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(
        readFileSync(page, 'utf8'),
      )?.[1]
      expect(meta, page).toBe(headerWithoutFraming)
    }
  })

  test('the session replaces any policy a response brings with ours', () => {
    let out: Record<string, string | string[]> = {}
    withCsp(
      {
        responseHeaders: {
          'content-security-policy': ["script-src 'unsafe-eval'"],
          'X-Other': ['1'],
        },
      },
      (r) => void (out = r.responseHeaders),
    )
    expect(out).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })
})

describe('navigation, new windows, permissions', () => {
  test('a window refuses to navigate, redirect, attach a webview, or open another window', () => {
    const listeners = new Map<string, (e: { preventDefault(): void }) => void>()
    let openHandler: ((d: { url: string }) => { action: string }) | undefined
    const contents: GuardedContents = {
      on: (event, listener) => listeners.set(event, listener),
      setWindowOpenHandler: (handler) => void (openHandler = handler),
    }
    guardContents(contents)
    expect([...listeners.keys()].sort()).toEqual([
      'will-attach-webview',
      'will-frame-navigate',
      'will-navigate',
      'will-redirect',
    ])
    for (const [event, listener] of listeners) {
      let prevented = false
      listener({ preventDefault: () => void (prevented = true) })
      expect(prevented, event).toBe(true)
    }
    expect(openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
  })

  test('the session grants no permission and reports none as granted', () => {
    let request: Parameters<LockableSession['setPermissionRequestHandler']>[0] | undefined
    let check: (() => boolean) | undefined
    let headers: unknown
    lockDown({
      setPermissionRequestHandler: (h) => void (request = h),
      setPermissionCheckHandler: (h) => void (check = h),
      webRequest: { onHeadersReceived: (l) => void (headers = l) },
    })
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
    ]) {
      let granted: boolean | undefined
      request?.({}, permission, (g) => void (granted = g))
      expect(granted, permission).toBe(false)
    }
    expect(check?.()).toBe(false)
    expect(denyPermissionCheck()).toBe(false)
    expect(headers).toBe(withCsp)
  })
})
