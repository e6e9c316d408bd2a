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
  const held = heldOn(m, s.id) - (hold ? 1 : 0)
  if (s.booked + held + kept(s) < s.quota) return 'OK'
  return s.booked + kept(s) < s.quota && held > 0 ? 'SLOT_HELD' : 'SLOT_TAKEN'
}

export function expectedHold(m: Model, s: MSlot): string {
  if (isPast(m, s)) return 'SLOT_IN_PAST'
  const held = heldOn(m, s.id)
  if (s.quota - s.booked - held - kept(s) > 0) return 'OK'
  return held > 0 && s.booked < s.quota ? 'SLOT_HELD' : 'SLOT_TAKEN'
}

/** Today's earliest band not over with a place no desk holds (walk-in places count), or the code. */
export function expectedWalkIn(m: Model, patientId: number): MSlot | string {
  if (hasLive(m, patientId, today(m))) return 'ALREADY_BOOKED'
  const open = m.slots
    .filter((s) => s.date === today(m) && s.end > nowHhmm(m) && s.booked < s.quota)
    .sort((a, b) => a.start.localeCompare(b.start) || a.booked - b.booked || a.id - b.id)
  return open.find((s) => s.booked + heldOn(m, s.id) < s.quota) ?? 'NO_PLACES'
}
