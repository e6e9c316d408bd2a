/** Where Electron's runtime binary is, or why it is not there. */
export function electronRuntime(): { ok: true; path: string } | { ok: false; reason: string }
