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

/**
 * The display and the doctor's window chime and speak calls with nobody at them to click first:
 * sound starts without a gesture there. Other screens keep Chromium's default.
 *
 * @example autoplayPolicyFor('display') // 'no-user-gesture-required'
 */
export function autoplayPolicyFor(kind: 'reception' | 'admin' | 'display' | 'doctor') {
  return kind === 'display' || kind === 'doctor'
    ? ('no-user-gesture-required' as const)
    : ('document-user-activation-required' as const)
}
