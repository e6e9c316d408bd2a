import { BrowserWindow } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { IpcAdapter } from '../ipc/ipc-adapter'
import { callerFor, pageFor, type Screen } from './screens'
import { autoplayPolicyFor, secureWebPreferences } from './web-preferences'
import { guardContents } from './window-policy'

const TITLES: Record<Screen['kind'], string> = {
  reception: 'ClinicDesk · 挂号台',
  admin: 'ClinicDesk · 管理',
  display: 'ClinicDesk · 候诊大屏',
  doctor: 'ClinicDesk · 诊室',
}

/** The folder of the built renderer: only pages from here are trusted to call the host. */
export const rendererDir = (): string => join(import.meta.dirname, '..', 'renderer')

export function isTrustedRendererUrl(url: string): boolean {
  const devServer = process.env.ELECTRON_RENDERER_URL
  if (devServer && url.startsWith(devServer)) return true
  return url.startsWith(pathToFileURL(rendererDir()).href + '/')
}

/** Opens a window for one screen, its role bound by this process, locked to its own page. */
export function openScreenWindow(screen: Screen, ipc: IpcAdapter): BrowserWindow {
  const window = new BrowserWindow({
    width: screen.kind === 'display' ? 1920 : 1366,
    height: screen.kind === 'display' ? 1080 : 768,
    fullscreen: screen.kind === 'display',
    title: TITLES[screen.kind],
    show: false,
    autoHideMenuBar: screen.kind === 'display',
    // The decisive flags are repeated literally so static checkers (Electronegativity) can see them.
    webPreferences: {
      ...secureWebPreferences(join(import.meta.dirname, '..', 'preload', 'index.cjs')),
      sandbox: true,
      contextIsolation: true,
      disableBlinkFeatures: 'Auxclick',
      autoplayPolicy: autoplayPolicyFor(screen.kind),
    },
  })
  const unregister = ipc.register(window.webContents, callerFor(screen))
  window.on('closed', unregister)
  window.once('ready-to-show', () => window.show())

  guardContents(window.webContents)

  const { page, query } = pageFor(screen)
  const devServer = process.env.ELECTRON_RENDERER_URL
  if (devServer)
    void window.loadURL(`${devServer}/${page}?${new URLSearchParams(query).toString()}`)
  else void window.loadFile(join(rendererDir(), page), { query })
  return window
}
