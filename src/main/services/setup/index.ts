import { DEFAULT_SETTINGS, OpeningHours } from '../../../shared/contract'
import type { setupMethods } from '../../../shared/contract/setup'
import { AppError } from '../../../shared/errors'
import { SYSTEM_CALLERS } from '../../host/system-callers'
import { hashSecret, secretKindOf } from '../auth/secret'
import { authSettings } from '../auth/settings'
import type { HandlersFor, ServiceContext } from '../context'
import { seedDemoClinic } from '../demo'
import { forgetSettings, isTimeZone } from '../settings'

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
    // One transaction for the whole setup: the account check, the admin, the settings and the demo
    // clinic. The calls below go through the dispatcher as explicit system callers and join this
    // transaction (db/write.ts), so a failure anywhere leaves the database as it was, ready to try again.
    const adminId = await ctx.write(async ({ tx, now, audit }) => {
      // Any existing account means the clinic is set up already.
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
      // Through the settings service, so its audit and settings.changed (after COMMIT) stay right.
      await ctx.client.must(SYSTEM_CALLERS.setup, 'settings.update', {
        clinicName: input.clinicName,
        timeZone: input.timeZone,
      })
      if (input.loadDemo) await seedDemoClinic(ctx.client)
      return admin.id
    })
    // settings.update dropped the cache of the transaction it ran in; the host's own is stale now.
    forgetSettings(ctx.read)
    return { adminId }
  },
}

function parseZone(text: string | undefined): string {
  try {
    const zone: unknown = text === undefined ? undefined : JSON.parse(text)
    return typeof zone === 'string' ? zone : DEFAULT_SETTINGS.timeZone
  } catch {
    return DEFAULT_SETTINGS.timeZone
  }
}
