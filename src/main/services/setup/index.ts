import { DEFAULT_SETTINGS, methods, OpeningHours, type MethodName } from '../../../shared/contract'
import type { setupMethods } from '../../../shared/contract/setup'
import { AppError, ok } from '../../../shared/errors'
import type { Dispatch } from '../../host/dispatcher'
import { hashSecret, secretKindOf } from '../auth/secret'
import { authSettings } from '../auth/settings'
import type { HandlersFor, ServiceContext } from '../context'
import { seedDemoClinic } from '../demo'
import { settingsHandlers } from '../settings'

const OPENING_HOURS_KEY = 'openingHours'
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

async function openingHours(ctx: ServiceContext) {
  const row = await ctx.read
    .selectFrom('settings')
    .select('value')
    .where('key', '=', OPENING_HOURS_KEY)
    .executeTakeFirst()
  if (!row) return null
  try {
    const parsed = OpeningHours.safeParse(JSON.parse(row.value))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/**
 * The demo loader speaks the contract; inside a handler there is no dispatcher, so calls go
 * straight to the handlers with validated input, in this setup call's context (audited as setup.init).
 */
function localDispatch(ctx: ServiceContext): Dispatch {
  return async (_caller, name, params) => {
    const { handlers } = await import('..')
    const method = name as MethodName
    const input = methods[method].input.parse(params)
    const handler = handlers[method] as (input: unknown, ctx: ServiceContext) => Promise<unknown>
    return ok(await handler(input, { ...ctx, method }))
  }
}

export const setupHandlers: HandlersFor<typeof setupMethods> = {
  'setup.status': async (_input, ctx) => {
    const anyone = await ctx.read.selectFrom('staff').select('id').limit(1).executeTakeFirst()
    const settings = await authSettings(ctx.read)
    const zone = await ctx.read
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'timeZone')
      .executeTakeFirst()
    return {
      needed: anyone === undefined,
      clinicName: settings.clinicName,
      timeZone: parseZone(zone?.value),
      openingHours: await openingHours(ctx),
    }
  },

  'setup.init': async (input, ctx) => {
    // Whoever sets the clinic up becomes its admin: only at the host itself (a window, or a browser on this machine).
    if (ctx.connection?.kind === 'socket' && !LOOPBACK.has(ctx.connection.origin))
      throw new AppError('FORBIDDEN', { message: 'Set the clinic up at the host computer.' })
    if (!isTimeZone(input.timeZone))
      throw new AppError('INVALID_INPUT', {
        field: 'timeZone',
        message: `"${input.timeZone}" is not a time zone.`,
      })
    const hash = await hashSecret(input.admin.secret)
    // One transaction decides who sets the clinic up: any existing account means it is done.
    const adminId = await ctx.write(async ({ tx, now, audit }) => {
      if (await tx.selectFrom('staff').select('id').limit(1).executeTakeFirst())
        throw new AppError('CONFLICT', { message: 'The clinic is already set up.' })
      const admin = await tx
        .insertInto('staff')
        .values({
          name: input.admin.name,
          username: input.admin.username,
          role: 'admin',
          doctor_id: null,
          secret_kind: secretKindOf(input.admin.secret),
          secret_hash: hash,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const hours = JSON.stringify(input.openingHours)
      await tx
        .insertInto('settings')
        .values({ key: OPENING_HOURS_KEY, value: hours })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: hours }))
        .execute()
      audit({
        entity: 'staff',
        entityId: admin.id,
        after: {
          firstAdmin: input.admin.username,
          openingHours: input.openingHours,
          loadDemo: input.loadDemo,
        },
      })
      return admin.id
    })
    // Through the settings service, so its cache and settings.changed stay right.
    await settingsHandlers['settings.update'](
      { clinicName: input.clinicName, timeZone: input.timeZone },
      { ...ctx, method: 'settings.update' },
    )
    if (input.loadDemo) await seedDemoClinic(localDispatch(ctx))
    return { adminId }
  },
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

function parseZone(text: string | undefined): string {
  try {
    const zone: unknown = text === undefined ? undefined : JSON.parse(text)
    return typeof zone === 'string' ? zone : DEFAULT_SETTINGS.timeZone
  } catch {
    return DEFAULT_SETTINGS.timeZone
  }
}
