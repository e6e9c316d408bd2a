import type { ServiceContext } from '../context'
import { readPolicy } from '../policy'
import { clinicNow, readSettings } from '../settings'
import type { PlaceEnv } from './place'

/** What placeBooking needs besides the placement: the caller, settings, the clinic's now, the policy. */
export async function placeEnvOf(ctx: ServiceContext): Promise<PlaceEnv> {
  const settings = await readSettings(ctx.read)
  const policy = await readPolicy(ctx.read)
  return { caller: ctx.caller, settings, now: clinicNow(ctx.clock, settings), policy }
}
