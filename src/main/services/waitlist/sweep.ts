import type { waitlistMethods } from '../../../shared/contract/waitlist'
import type { ReadDb, WriteContext } from '../../db/write'
import type { DB } from '../../db/schema'
import type { Transaction } from 'kysely'
import { placeEnvOf } from '../appointments/env'
import type { PlaceEnv } from '../appointments/place'
import type { HandlersFor } from '../context'
import { declineOffer } from './answers'
import { nowKey } from './rows'
import { placesFreed } from './serve'

type SweepMethods = Pick<typeof waitlistMethods, 'waitlist.sweep'>

/** The reason a lapsed offer's entry leaves the line with (stored, like a desk's reason). */
export const LAPSED_REASON = '候补确认超时 (offer lapsed)'

type Db = ReadDb | Transaction<DB>

/** Offers past their deadline, with their entry's doctor-day (on one band, or all). */
const lapsedOffers = (db: Db, nowIso: string, slotId?: number) => {
  const q = db
    .selectFrom('waitlist_offers as o')
    .innerJoin('waitlist as w', 'w.id', 'o.entry_id')
    .select(['o.id', 'o.entry_id', 'o.slot_id', 'o.hold_id', 'w.doctor_id', 'w.date'])
    .where('o.status', '=', 'OPEN')
    .where('o.deadline', '<=', nowIso)
    .orderBy('o.id')
  return slotId === undefined ? q : q.where('o.slot_id', '=', slotId)
}

/** Waiting entries whose last band has started (an entry with an open offer ends with its offer). */
const endedEntries = (db: Db, key: string) =>
  db
    .selectFrom('waitlist as w')
    .select(['w.id', 'w.doctor_id', 'w.date'])
    .where('w.status', '=', 'WAITING')
    .where('w.expires_at', '<=', key)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('waitlist_offers as o')
            .select('o.id')
            .whereRef('o.entry_id', '=', 'w.id')
            .where('o.status', '=', 'OPEN'),
        ),
      ),
    )
    .orderBy('w.id')

/** Holds that ended by themselves (on one band, or all): the place each kept is free again, for the line. */
const expiredHolds = (db: Db, nowIso: string, slotId?: number) => {
  const q = db.selectFrom('slot_holds').select(['id', 'slot_id']).where('expires_at', '<=', nowIso)
  return slotId === undefined ? q : q.where('slot_id', '=', slotId)
}

/**
 * Holds past their end, in the caller's transaction: offers past their deadline lapse (their
 * entries leave the line), expired holds are dropped, and the places they kept go to the line
 * (placesFreed). The timer does every band; holds.create does its own band before it counts, so
 * a desk never takes a place an expired hold gave back ahead of the patients waiting for it.
 */
export async function endDueHolds(
  w: WriteContext,
  env: PlaceEnv,
  by: string,
  slotId?: number,
): Promise<{ lapsed: number[]; served: number[] }> {
  const lapsed = await lapsedOffers(w.tx, w.now, slotId).execute()
  for (const offer of lapsed) await declineOffer(w, offer, 'LAPSED', LAPSED_REASON, by)
  // Lapsed offers' holds are gone already; their places are served with the other expired holds'.
  const holds = await expiredHolds(w.tx, w.now, slotId).execute()
  if (holds.length > 0)
    await w.tx
      .deleteFrom('slot_holds')
      .where(
        'id',
        'in',
        holds.map((h) => h.id),
      )
      .execute()
  const bands = new Set([...lapsed.map((o) => o.slot_id), ...holds.map((h) => h.slot_id)])
  const served = await placesFreed(w, [...bands], env)
  return { lapsed: lapsed.map((o) => o.entry_id), served }
}

/** Writes EXPIRED on entries whose last band has started, each audited. */
async function expireEntries(w: WriteContext, key: string): Promise<number[]> {
  const ended = await endedEntries(w.tx, key).execute()
  if (ended.length === 0) return []
  await w.tx
    .updateTable('waitlist')
    .set({ status: 'EXPIRED', ended_at: w.now })
    .where(
      'id',
      'in',
      ended.map((e) => e.id),
    )
    .where('status', '=', 'WAITING')
    .execute()
  const days = new Map<string, { doctorId: number; date: string }>()
  for (const e of ended) {
    w.audit({
      entity: 'waitlist',
      entityId: e.id,
      before: { status: 'WAITING' },
      after: { status: 'EXPIRED', expiresAt: key },
    })
    days.set(`${e.doctor_id}@${e.date}`, { doctorId: e.doctor_id, date: e.date })
  }
  for (const day of days.values()) w.emit('waitlist.changed', day)
  return ended.map((e) => e.id)
}

/** The host's minute timer for the waitlist (create-host.ts); a minute with nothing due writes nothing. */
export const sweepHandlers: HandlersFor<SweepMethods> = {
  'waitlist.sweep': async (_input, ctx) => {
    const env = await placeEnvOf(ctx)
    const key = nowKey(env.now)
    const nowIso = env.now.instant.toISOString()
    const due = await Promise.all([
      lapsedOffers(ctx.read, nowIso).limit(1).execute(),
      endedEntries(ctx.read, key).limit(1).execute(),
      expiredHolds(ctx.read, nowIso).limit(1).execute(),
    ])
    if (due.every((rows) => rows.length === 0)) return { expired: [], lapsed: [], served: [] }
    return ctx.write(async (w) => {
      const expired = await expireEntries(w, key)
      const { lapsed, served } = await endDueHolds(w, env, ctx.caller.label)
      return { expired, lapsed, served }
    })
  },
}
