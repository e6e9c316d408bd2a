/**
 * The booking rules as a plain in-memory model, written from DESIGN.md §4 and the contract,
 * not from the services: what a desk should be told for each command.
 */
export interface MSlot {
  id: number
  date: string
  start: string
  end: string
  quota: number
  walkInReserved: number
  booked: number
  walkIns: number
}
export interface MAppt {
  id: number
  slotId: number
  patientId: number
  date: string
  status: string
  source: 'PHONE' | 'WALK_IN'
  skips: number
}
export interface MHold {
  id: number
  slotId: number
  desk: string
  expiresAt: number
}
export interface Model {
  slots: MSlot[]
  patients: number[]
  appts: MAppt[]
  holds: MHold[]
  counters: Map<string, number>
  now: number
  start: number
}

const LIVE = ['PENDING', 'CONFIRMED', 'CHECKED_IN', 'CALLED', 'IN_PROGRESS', 'SKIPPED']
/** The clinic is in Asia/Shanghai (UTC+8, no summer time); the model's clock is UTC milliseconds. */
const nowHhmm = (m: Model): string => new Date(m.now + 8 * 3600_000).toISOString().slice(11, 16)
const today = (m: Model): string => new Date(m.now + 8 * 3600_000).toISOString().slice(0, 10)

export const liveHolds = (m: Model): MHold[] => m.holds.filter((h) => h.expiresAt > m.now)
const heldOn = (m: Model, slotId: number): number =>
  liveHolds(m).filter((h) => h.slotId === slotId).length
const kept = (s: MSlot): number => Math.max(0, s.walkInReserved - s.walkIns)
const isPast = (m: Model, s: MSlot): boolean =>
  s.date < today(m) || (s.date === today(m) && s.end <= nowHhmm(m))
const hasLive = (m: Model, patientId: number, date: string): boolean =>
  m.appts.some((a) => a.patientId === patientId && a.date === date && LIVE.includes(a.status))

/** What a band holds, and who asks: a phone booking, a hold (for a phone booking), or a walk-in. */
export interface BandState {
  quota: number
  booked: number
  /** Walk-in places not yet used by walk-ins. */
  kept: number
  /** Live holds of other desks. */
  held: number
}
export type Asker = 'PHONE' | 'HOLD' | 'WALK_IN'
type Place = 'booked' | 'kept' | 'open' | 'held'

/**
 * DESIGN.md §4 in its own words, on the band laid out place by place (not the services' sums):
 * booked places first, then the places kept for walk-ins, then open ones; each live hold of
 * another desk keeps one open place (a hold is for a phone booking, so it never sits on a
 * kept one, and a hold with no open place left keeps nothing).
 * - SLOT_TAKEN: "no place in this band that this caller could get, now or after any hold ends:
 *   every place is booked, or (for a phone booking or a hold) the only places left are kept for
 *   walk-ins".
 * - SLOT_HELD: "a place would be free for this caller, but another desk's live hold is on it".
 */
export function designVerdict(band: BandState, asker: Asker): 'OK' | 'SLOT_TAKEN' | 'SLOT_HELD' {
  const places: Place[] = []
  for (let i = 0; i < band.quota; i++)
    places.push(i < band.booked ? 'booked' : i < band.booked + band.kept ? 'kept' : 'open')
  let holds = band.held
  for (let i = 0; i < places.length && holds > 0; i++)
    if (places[i] === 'open') {
      places[i] = 'held'
      holds--
    }
  const couldGet = places.filter(
    (p) => p === 'open' || p === 'held' || (asker === 'WALK_IN' && p === 'kept'),
  )
  if (couldGet.length === 0) return 'SLOT_TAKEN'
  if (couldGet.every((p) => p === 'held')) return 'SLOT_HELD'
  return 'OK'
}

const stateOf = (m: Model, s: MSlot, ownHold = 0): BandState => ({
  quota: s.quota,
  booked: s.booked,
  kept: kept(s),
  held: heldOn(m, s.id) - ownHold,
})

export function expectedBook(
  m: Model,
  s: MSlot,
  patientId: number,
  hold?: { holdId: number; desk: string },
): string {
  if (isPast(m, s)) return 'SLOT_IN_PAST'
  if (hasLive(m, patientId, s.date)) return 'ALREADY_BOOKED'
  if (hold) {
    const h = liveHolds(m).find((x) => x.id === hold.holdId)
    if (!h) return 'HOLD_EXPIRED'
    if (h.desk !== hold.desk) return 'FORBIDDEN'
  }
  return designVerdict(stateOf(m, s, hold ? 1 : 0), 'PHONE')
}

export function expectedHold(m: Model, s: MSlot): string {
  if (isPast(m, s)) return 'SLOT_IN_PAST'
  return designVerdict(stateOf(m, s), 'HOLD')
}

/** Today's earliest band not over where a walk-in gets a place now, or the code. */
export function expectedWalkIn(m: Model, patientId: number): MSlot | string {
  if (hasLive(m, patientId, today(m))) return 'ALREADY_BOOKED'
  const open = m.slots
    .filter((s) => s.date === today(m) && s.end > nowHhmm(m))
    .sort((a, b) => a.start.localeCompare(b.start) || a.booked - b.booked || a.id - b.id)
  return open.find((s) => designVerdict(stateOf(m, s), 'WALK_IN') === 'OK') ?? 'NO_PLACES'
}
