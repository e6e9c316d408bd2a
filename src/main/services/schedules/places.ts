/**
 * Whether a caller can have a place in a band, and if not which of DESIGN.md §4's two refusals
 * it gets. Every method that hands out, holds or shows a place asks this one function, so
 * appointments.book, holds.create, appointments.walkIn and the slot grid cannot disagree.
 */

/** A phone booking and a hold may not take the places kept for walk-ins; a walk-in may. */
export type PlaceSeeker = 'PHONE' | 'WALK_IN'

/** One band's counts, as the row and the live holds give them. */
export interface BandCount {
  readonly quota: number
  readonly booked: number
  /** Walk-in places not yet used by walk-ins (walk_in_reserved − walk_ins, never below 0). */
  readonly kept: number
  /** Live holds on the band, less the one this call is using (if any). */
  readonly held: number
}

export type PlaceVerdict = 'OK' | 'SLOT_TAKEN' | 'SLOT_HELD'

/**
 * Places this seeker could ever get (once every hold has ended), and those it can get right now.
 * A hold keeps a place for a phone booking, so holds cover only places a phone booking could
 * take: a walk-in still gets a kept walk-in place while desks hold the others.
 *
 * @example placesFor({ quota: 4, booked: 2, kept: 1, held: 1 }, 'PHONE') // { ever: 1, now: 0 }
 */
export function placesFor(
  band: BandCount,
  seeker: PlaceSeeker,
): { readonly ever: number; readonly now: number } {
  const unbooked = Math.max(0, band.quota - band.booked)
  const kept = Math.min(band.kept, unbooked)
  const open = unbooked - kept
  const ever = seeker === 'PHONE' ? open : unbooked
  return { ever, now: ever - Math.min(band.held, open) }
}

/**
 * SLOT_TAKEN: nothing for this seeker even after every hold ends (all booked, or for a phone
 * booking or a hold the rest kept for walk-ins). SLOT_HELD: there would be, but live holds of
 * other desks cover it now.
 *
 * @example placeVerdict({ quota: 4, booked: 3, kept: 1, held: 1 }, 'PHONE') // 'SLOT_TAKEN'
 */
export function placeVerdict(band: BandCount, seeker: PlaceSeeker): PlaceVerdict {
  const { ever, now } = placesFor(band, seeker)
  return ever === 0 ? 'SLOT_TAKEN' : now === 0 ? 'SLOT_HELD' : 'OK'
}

/**
 * placeVerdict's OK as the guarded UPDATE in appointments/place.ts spells it, so a booking needs
 * no extra statement: `booked < quota AND (keptIsOurs = 1 OR booked + kept + held < quota)`, with
 * the live holds counted inside the UPDATE. tests/unit/booking-places.test.ts holds the two together.
 */
export const guardParams = (
  band: Pick<BandCount, 'kept'>,
  seeker: PlaceSeeker,
): { readonly kept: number; readonly keptIsOurs: 0 | 1 } => ({
  kept: band.kept,
  keptIsOurs: seeker === 'WALK_IN' && band.kept > 0 ? 1 : 0,
})
