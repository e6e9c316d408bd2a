import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Where clinic.sqlite lives: CLINIC_DATA_DIR when set, else the same user-data folder Electron
 * uses for ClinicDesk, so browser mode and the desktop app share one database.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.CLINIC_DATA_DIR) return env.CLINIC_DATA_DIR
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'ClinicDesk')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'ClinicDesk')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'ClinicDesk')
}

/** --demo or CLINIC_DEMO=1: load the demo clinic into an empty database. */
export const wantsDemo = (
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
): boolean => argv.includes('--demo') || env.CLINIC_DEMO === '1'
