import { ClinicSettings, DEFAULT_SETTINGS } from '../../../shared/contract'
import type { ReadDb } from '../../db/write'

type AuthKeys = 'idleLockMinutes' | 'displayWithoutLogin' | 'clinicName'

/**
 * The few settings sign-in needs, read straight from their rows (one JSON row per key, over
 * DEFAULT_SETTINGS), so auth does not depend on the settings service's cache.
 */
export async function authSettings(read: ReadDb): Promise<Pick<ClinicSettings, AuthKeys>> {
  const keys: AuthKeys[] = ['idleLockMinutes', 'displayWithoutLogin', 'clinicName']
  const rows = await read
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', keys)
    .execute()
  const out: Pick<ClinicSettings, AuthKeys> = {
    idleLockMinutes: DEFAULT_SETTINGS.idleLockMinutes,
    displayWithoutLogin: DEFAULT_SETTINGS.displayWithoutLogin,
    clinicName: DEFAULT_SETTINGS.clinicName,
  }
  for (const { key, value } of rows) {
    const field = ClinicSettings.shape[key as AuthKeys]
    let json: unknown
    try {
      json = JSON.parse(value)
    } catch {
      continue
    }
    const parsed = field.safeParse(json)
    if (parsed.success) Object.assign(out, { [key]: parsed.data })
  }
  return out
}
