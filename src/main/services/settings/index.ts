import { ClinicSettings, DEFAULT_SETTINGS } from '../../../shared/contract'
import type { settingsMethods } from '../../../shared/contract/settings'
import { AppError } from '../../../shared/errors'
import { zonedParts, type Clock } from '../../db/clock'
import type { ReadDb } from '../../db/write'
import type { HandlersFor } from '../context'

/**
 * The host alone opens the database, so settings are cached per database handle and dropped
 * when settings.update commits. Keyed by the handle so that test hosts in one process never share.
 */
const cache = new WeakMap<object, ClinicSettings>()

/** The clinic's settings: each key stored as its own JSON row over DEFAULT_SETTINGS; a bad row falls back to its default. */
export async function readSettings(read: ReadDb): Promise<ClinicSettings> {
  const cached = cache.get(read)
  if (cached) return cached
  const rows = await read.selectFrom('settings').select(['key', 'value']).execute()
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  const shape = ClinicSettings.shape as Record<
    string,
    { safeParse(v: unknown): { success: boolean; data?: unknown } }
  >
  for (const { key, value } of rows) {
    const field = shape[key]
    if (!field) continue
    const parsed = field.safeParse(safeJson(value))
    if (parsed.success) merged[key] = parsed.data
  }
  const settings = ClinicSettings.parse(merged)
  cache.set(read, settings)
  return settings
}

/**
 * Drops the cached settings of a read handle. settings.update does it itself; a caller whose
 * settings.update ran inside its own transaction (setup.init) does it for the host's handle
 * once that transaction has committed.
 */
export function forgetSettings(read: ReadDb): void {
  cache.delete(read)
}

/** "Now" in the clinic's time zone: today's date and the wall-clock time, from the host's clock. */
export interface ClinicNow {
  readonly instant: Date
  readonly today: string
  readonly time: string
}

export function clinicNow(clock: Clock, settings: ClinicSettings): ClinicNow {
  const instant = clock.now()
  const { date, time } = zonedParts(instant, settings.timeZone)
  return { instant, today: date, time }
}

export const settingsHandlers: HandlersFor<typeof settingsMethods> = {
  'settings.get': async (_input, { read, clock }) => {
    const settings = await readSettings(read)
    const now = clinicNow(clock, settings)
    return { settings, today: now.today, now: now.instant.toISOString() }
  },

  'settings.update': async (input, { read, write }) => {
    if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
      throw new AppError('INVALID_INPUT', {
        field: 'timeZone',
        reason: 'unknownZone',
        message: `"${input.timeZone}" is not a time zone.`,
      })
    }
    const before = await readSettings(read)
    const changed = Object.entries(input).filter(
      ([key, value]) => value !== undefined && before[key as keyof ClinicSettings] !== value,
    )
    const after = await write(async ({ tx, audit, emit }) => {
      for (const [key, value] of changed) {
        await tx
          .insertInto('settings')
          .values({ key, value: JSON.stringify(value) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
          .execute()
      }
      const next = ClinicSettings.parse({ ...before, ...Object.fromEntries(changed) })
      if (changed.length > 0) {
        audit({
          entity: 'settings',
          entityId: null,
          before: pick(before, changed),
          after: Object.fromEntries(changed),
        })
        emit('settings.changed', { keys: changed.map(([key]) => key) })
      }
      return next
    })
    cache.delete(read)
    return after
  },
}

function pick(settings: ClinicSettings, entries: [string, unknown][]): Record<string, unknown> {
  return Object.fromEntries(entries.map(([key]) => [key, settings[key as keyof ClinicSettings]]))
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Whether this runtime knows the IANA zone (Intl throws on an unknown one). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
