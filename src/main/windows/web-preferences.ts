/**
 * The webPreferences of every ClinicDesk window. Kept free of Electron imports so the
 * security tests can check it without the runtime.
 */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Middle-click would open links in new windows, bypassing the window-open handler.
    disableBlinkFeatures: 'Auxclick',
  } as const
}
