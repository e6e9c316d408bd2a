import { designVerdict } from './booking-model-rules'

/**
 * Issue 14 as a plain in-memory model, written from docs/POLICY.md and the contract's summaries
 * (not from src/shared/policy nor the services): release, the same-day cut-off, the cancel
 * deadline, the live-booking limit, no-show marking by the clock, the 爽约 suspension and its
 * lift, and the waitlist (候补) served first come, first served when a place frees, in book or
 * offer mode. Time is clinic minutes since 00:00 of the first day (the clinic is UTC+8); a day is
 * its index from that first day.
 */
export const RULES = {
  releaseAt: 8 * 60 + 20, // 放号 one day ahead at 08:20
  cutoff: { morning: 10 * 60 + 30, afternoon: 14 * 60 + 30 }, // same-day phone booking stops
  lateCancelMinutes: 60, // a phone cancel from 1 hour before the band is late
  maxLive: 3,
  graceMinutes: 20,
  suspension: { count: 2, withinDays: 2, suspendDays: 2 },
  offerMinutes: 15,
} as const

export type Mode = 'book' | 'offer'
export const LIVE = ['PENDING', 'CONFIRMED', 'CHECKED_IN', 'CALLED', 'IN_PROGRESS', 'SKIPPED']
export const CANCELABLE = ['PENDING', 'CONFIRMED', 'CHECKED_IN']

export interface WBand {
  id: number
  day: number
  start: number
  end: number
  quota: number
  reserved: number
  extra: number
  booked: number
  walkIns: number
}
export interface WAppt {
  /** null until the host's id is known (a booking the line made inside another command). */
  id: number | null
  band: WBand
  patient: number
  status: string
  source: 'PHONE' | 'WALK_IN'
  queueNo: number
  lateOn: number | null
}
export interface WEntry {
  id: number
  patient: number
  day: number
  /** Band ids wanted; empty: any band of the day. */
  bands: number[]
  /** Clinic minute at which it ends by itself: the start of the last band it could still get. */
  expires: number
  status: 'WAITING' | 'BOOKED' | 'CANCELED' | 'EXPIRED'
  appt: WAppt | null
  /** Offer mode: the place held for it, until when, and the offer's order among all offers. */
  offer: { band: WBand; deadline: number; seq: number } | null
}
export interface WModel {
  mode: Mode
  bands: WBand[]
  patients: number[]
  appts: WAppt[]
  entries: WEntry[]
  /** Last day an admin lifted each patient's suspension. */
  lifts: Map<number, number>
  counters: Map<number, number>
  offers: number
  now: number
}

export const dayOf = (m: WModel): number => Math.floor(m.now / 1440)
const minuteOf = (m: WModel): number => m.now % 1440
export const startOf = (b: WBand): number => b.day * 1440 + b.start
export const isPast = (m: WModel, b: WBand): boolean => b.day * 1440 + b.end <= m.now

const released = (m: WModel, b: WBand): boolean => m.now >= (b.day - 1) * 1440 + RULES.releaseAt
const cutOff = (m: WModel, b: WBand): boolean =>
  b.day === dayOf(m) &&
  minuteOf(m) >= (b.start < 12 * 60 ? RULES.cutoff.morning : RULES.cutoff.afternoon)

/** The day phone booking is allowed again, or null: N 爽约 within M days suspend for K days. */
export function suspendedUntil(m: WModel, patient: number): number | null {
  const lift = m.lifts.get(patient)
  const { count, withinDays, suspendDays } = RULES.suspension
  const days = m.appts
    .filter((a) => a.patient === patient)
    .flatMap((a) => [
      ...(a.status === 'NO_SHOW' ? [a.band.day] : []),
      ...(a.lateOn !== null ? [a.lateOn] : []),
    ])
    .filter((d) => lift === undefined || d > lift)
  let until: number | null = null
  for (const last of days) {
    const inWindow = days.filter((d) => d <= last && d > last - withinDays).length
    if (inWindow >= count && (until === null || last + suspendDays > until))
      until = last + suspendDays
  }
  return until !== null && dayOf(m) < until ? until : null
}

const hasLive = (m: WModel, patient: number, day: number): boolean =>
  m.appts.some((a) => a.patient === patient && a.band.day === day && LIVE.includes(a.status))
const liveFuture = (m: WModel, patient: number): number =>
  m.appts.filter((a) => a.patient === patient && a.band.day >= dayOf(m) && LIVE.includes(a.status))
    .length

/** Open offers' holds on a band (a hold lives until its deadline). */
export const heldOn = (m: WModel, b: WBand): number =>
  m.entries.filter((e) => e.offer?.band === b && e.offer.deadline > m.now).length

export const phoneVerdict = (m: WModel, b: WBand, ownHold = 0): string =>
  designVerdict(
    {
      quota: b.quota,
      booked: b.booked,
      kept: Math.max(0, b.reserved - b.walkIns),
      held: heldOn(m, b) - ownHold,
    },
    'PHONE',
  )

/** Patient refusals (the next in line may still fit) as the host names them (rule or code). */
export const PATIENT_REFUSALS = [
  'NOT_RELEASED',
  'CUT_OFF',
  'SUSPENDED',
  'MAX_LIVE',
  'ALREADY_BOOKED',
]

/** Every rule of a phone booking but the place, in the order docs/POLICY.md gives them. */
export function mayPhone(m: WModel, b: WBand, patient: number): string {
  if (isPast(m, b)) return 'SLOT_IN_PAST'
  if (!released(m, b)) return 'NOT_RELEASED'
  if (cutOff(m, b)) return 'CUT_OFF'
  if (suspendedUntil(m, patient) !== null) return 'SUSPENDED'
  if (liveFuture(m, patient) >= RULES.maxLive) return 'MAX_LIVE'
  if (hasLive(m, patient, b.day)) return 'ALREADY_BOOKED'
  return 'OK'
}

export const expectPhone = (m: WModel, b: WBand, patient: number, ownHold = 0): string => {
  const may = mayPhone(m, b, patient)
  return may === 'OK' ? phoneVerdict(m, b, ownHold) : may
}

export function addAppt(
  m: WModel,
  b: WBand,
  patient: number,
  source: 'PHONE' | 'WALK_IN',
  id: number | null,
): WAppt {
  b.booked++
  if (source === 'WALK_IN') b.walkIns++
  const queueNo = (m.counters.get(b.day) ?? 0) + 1
  m.counters.set(b.day, queueNo)
  const a: WAppt = {
    id,
    band: b,
    patient,
    status: source === 'WALK_IN' ? 'CHECKED_IN' : 'CONFIRMED',
    source,
    queueNo,
    lateOn: null,
  }
  m.appts.push(a)
  return a
}

/** A waiting entry still in line now (not expired, not answered). */
const inLine = (m: WModel, e: WEntry): boolean => e.status === 'WAITING' && e.expires > m.now

/**
 * A place may have freed in band b: the first entry of its day that wants b, is not already
 * offered a place and passes every booking rule gets it (booked, or offered with a hold).
 * A patient's refusal passes over the entry; a band's refusal stops. The patient whose own
 * booking just gave the place up (`leaving`) is not given it back from their own entry.
 * Returns whether one was served.
 */
export function serve(m: WModel, b: WBand, leaving?: number): boolean {
  const line = m.entries
    .filter(
      (e) =>
        inLine(m, e) &&
        e.offer === null &&
        e.patient !== leaving &&
        e.day === b.day &&
        (e.bands.length === 0 || e.bands.includes(b.id)),
    )
    .sort((x, y) => x.id - y.id)
  for (const e of line) {
    const v = expectPhone(m, b, e.patient)
    if (PATIENT_REFUSALS.includes(v)) continue
    if (v !== 'OK') return false
    if (m.mode === 'offer')
      e.offer = { band: b, deadline: m.now + RULES.offerMinutes, seq: ++m.offers }
    else {
      e.appt = addAppt(m, b, e.patient, 'PHONE', null)
      e.status = 'BOOKED'
    }
    return true
  }
  return false
}

/** Gives a booking's place back (cancel, reschedule away) and serves the line once. */
export function freePlace(m: WModel, a: WAppt): void {
  a.band.booked--
  if (a.source === 'WALK_IN') a.band.walkIns--
  serve(m, a.band, a.patient)
}

/** A cancel of a phone booking from 1 hour before its band starts is a late cancel (爽约). */
export const isLate = (m: WModel, a: WAppt): boolean =>
  a.source === 'PHONE' && m.now >= startOf(a.band) - RULES.lateCancelMinutes

/** Today's earliest band not over where a walk-in gets a place (kept places first allowed). */
export function walkInBand(m: WModel, patient: number): WBand | string {
  if (hasLive(m, patient, dayOf(m))) return 'ALREADY_BOOKED'
  const open = m.bands
    .filter((b) => b.day === dayOf(m) && !isPast(m, b))
    .sort((x, y) => x.start - y.start)
  const band = open.find(
    (b) =>
      designVerdict(
        {
          quota: b.quota,
          booked: b.booked,
          kept: Math.max(0, b.reserved - b.walkIns),
          held: heldOn(m, b),
        },
        'WALK_IN',
      ) === 'OK',
  )
  return band ?? 'NO_PLACES'
}

/** waitlist.add: the code, or the clinic minute the new entry expires at. */
export function expectAdd(
  m: WModel,
  patient: number,
  day: number,
  wanted: WBand[],
): string | number {
  const all = m.bands.filter((b) => b.day === day)
  const candidates = (wanted.length === 0 ? all : wanted)
    .filter((b) => startOf(b) > m.now)
    .sort((x, y) => x.start - y.start)
  if (candidates.length === 0) return 'SLOT_IN_PAST'
  if (candidates.some((b) => phoneVerdict(m, b) === 'OK')) return 'NOT_FULL'
  if (hasLive(m, patient, day)) return 'ALREADY_BOOKED'
  if (m.entries.some((e) => e.patient === patient && e.day === day && e.status === 'WAITING'))
    return 'ALREADY_WAITING'
  return startOf(candidates.at(-1)!)
}

/** An entry as the desk reads it: status (OFFERED while a place is held for it) and position. */
export function entryView(m: WModel, e: WEntry) {
  const live = e.offer !== null || inLine(m, e)
  const status =
    e.offer !== null ? 'OFFERED' : e.status === 'WAITING' && !live ? 'EXPIRED' : e.status
  const ahead = m.entries.filter((x) => x.day === e.day && x.id < e.id && inLine(m, x)).length
  return {
    id: e.id,
    status,
    position: live ? ahead + 1 : null,
    appointmentId: e.appt?.id ?? null,
    offer: e.offer ? e.offer.band.id : null,
  }
}

/**
 * The minute timer: phone bookings not checked in by band start + grace are NO_SHOW; offers past
 * their deadline lapse (the entry leaves the line, CANCELED) and their places go to the line;
 * entries whose last band has started are EXPIRED.
 */
export function tick(m: WModel): void {
  for (const a of m.appts)
    if (
      a.source === 'PHONE' &&
      a.status === 'CONFIRMED' &&
      m.now >= startOf(a.band) + RULES.graceMinutes
    )
      a.status = 'NO_SHOW'
  const lapsed = m.entries
    .filter((e) => e.offer !== null && e.offer.deadline <= m.now)
    .sort((x, y) => x.offer!.seq - y.offer!.seq)
  const bands: WBand[] = []
  for (const e of lapsed) {
    if (!bands.includes(e.offer!.band)) bands.push(e.offer!.band)
    e.offer = null
    e.status = 'CANCELED'
  }
  for (const e of m.entries)
    if (e.status === 'WAITING' && e.offer === null && e.expires <= m.now) e.status = 'EXPIRED'
  for (const b of bands) while (serve(m, b));
}
