/** Electron lifecycle only: one instance, the host, the IPC adapter, the windows. */
import { app, dialog, ipcMain } from 'electron'
import { createHost, type Host } from './host/create-host'
import { wantsDemo } from './host/data-dir'
import { SYSTEM_CALLERS } from './host/system-callers'
import { seedDemoAccounts } from './services/demo/accounts'
import { IpcAdapter } from './ipc/ipc-adapter'
import { buildAppMenu } from './windows/app-menu'
import { isTrustedRendererUrl, openScreenWindow } from './windows/create-window'
import { registerPrinting } from './windows/printing'
import { electronSaveShell } from './windows/save-dialog'
import { registerSaveFile } from './windows/save-file'
import { lockDownSession } from './windows/session-policy'

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('window-all-closed', () => app.quit())
  app.whenReady().then(start).catch(fatal)
}

async function start(): Promise<void> {
  lockDownSession()
  const host: Host = await createHost({
    dataDir: process.env.CLINIC_DATA_DIR ?? app.getPath('userData'),
    demo: wantsDemo(),
    dailyBackup: true,
  })
  // Demo accounts share one password (services/demo/accounts.ts): only with --demo on a clinic without accounts.
  if (wantsDemo()) await seedDemoAccounts(host.client)
  const ipc = new IpcAdapter(ipcMain, host.dispatch, host.bus, isTrustedRendererUrl)
  registerPrinting(ipcMain, isTrustedRendererUrl)
  registerSaveFile(ipcMain, isTrustedRendererUrl, electronSaveShell)
  const open = (screen: Parameters<typeof openScreenWindow>[0]) => openScreenWindow(screen, ipc)

  const refreshMenu = async (): Promise<void> => {
    const result = await host.client.call(SYSTEM_CALLERS.console, 'directory.get', {})
    buildAppMenu(result.ok ? result.value.doctors : [], open)
  }
  host.bus.subscribe(({ event }) => {
    if (event === 'directory.changed') void refreshMenu()
  })
  await refreshMenu()

  const reception = open({ kind: 'reception' })
  app.on('second-instance', () => {
    if (reception.isDestroyed()) return
    if (reception.isMinimized()) reception.restore()
    reception.focus()
  })
  app.on('before-quit', () => {
    ipc.dispose()
    void host.close()
  })
}

function fatal(error: unknown): void {
  dialog.showErrorBox(
    'ClinicDesk cannot start',
    error instanceof Error ? error.message : String(error),
  )
  app.exit(1)
}
