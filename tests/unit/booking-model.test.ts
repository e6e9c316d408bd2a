import fc from 'fast-check'
import { expect, test } from 'vitest'
import type { Caller } from '../../src/shared/roles'
import { makeClinic, TODAY, type Clinic } from '../helpers/booking-fixture'
import { RECEPTION } from '../helpers/test-host'
import {
  expectedBook,
  expectedHold,
  expectedWalkIn,
  liveHolds,
  type Model,
} from './booking-model-rules'

/**
 * Random sequences of desk and doctor commands run against the real host and against a plain
 * in-memory model of the rules (booking-model-rules.ts). After every command the answer's code
 * must be the one the model predicts, and every band's booked count must equal the model's.
 */
const DESKS: Caller[] = [RECEPTION, { role: 'reception', label: 'desk-2' }]
interface Real {
  clinic: Clinic
  lastKey?: { key: string; slotId: number; patientId: number; id: number }
}
let seq = 0
const newKey = (): string => `model-${++seq}-${Date.now().toString(36)}`

type Step = (m: Model, r: Real) => Promise<void>
const cmd = (label: string, step: Step): fc.AsyncCommand<Model, Real> => ({
  check: () => true,
  run: step,
  toString: () => label,
})

function codeOf(result: { ok: boolean; error?: { code: string } }): string {
  return result.ok ? 'OK' : result.error!.code
}

function afterBook(
  m: Model,
  slotId: number,
  patientId: number,
  source: 'PHONE' | 'WALK_IN',
  value: { id: number; queueNo: number },
): void {
  const slot = m.slots.find((s) => s.id === slotId)!
  slot.booked++
  if (source === 'WALK_IN') slot.walkIns++
  const counter = (m.counters.get(slot.date) ?? 0) + 1
  m.counters.set(slot.date, counter)
  expect(value.queueNo).toBe(counter)
  m.appts.push({
    id: value.id,
    slotId,
    patientId,
    date: slot.date,
    status: source === 'WALK_IN' ? 'CHECKED_IN' : 'CONFIRMED',
    source,
    skips: 0,
  })
}

/** Bookings aim at a few bands (two today, one tomorrow, and any other now and then) so that places run out. */
const HOT = [0, 1, 4, 10]
const bandOf = (m: Model, idx: number): Model['slots'][number] =>
  m.slots[idx < 36 ? HOT[idx % HOT.length]! : idx % m.slots.length]!

const book = (slotIdx: number, patientIdx: number) =>
  cmd(`book(${slotIdx}, ${patientIdx})`, async (m, r) => {
    const slot = bandOf(m, slotIdx)
    const patientId = m.patients[patientIdx % m.patients.length]!
    const key = newKey()
    const res = await r.clinic.host.call(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId,
      idempotencyKey: key,
    })
    expect(codeOf(res)).toBe(expectedBook(m, slot, patientId))
    if (res.ok) {
      afterBook(m, slot.id, patientId, 'PHONE', res.value)
      r.lastKey = { key, slotId: slot.id, patientId, id: res.value.id }
    }
  })

const retry = cmd('retry last booking', async (m, r) => {
  if (!r.lastKey) return
  const res = await r.clinic.host.must(RECEPTION, 'appointments.book', {
    slotId: r.lastKey.slotId,
    patientId: r.lastKey.patientId,
    idempotencyKey: r.lastKey.key,
  })
  expect(res.id).toBe(r.lastKey.id)
})

const hold = (desk: number, slotIdx: number, patientIdx: number, release: boolean) =>
  cmd(
    `hold(${desk}, ${slotIdx}) then ${release ? 'release' : `book ${patientIdx}`}`,
    async (m, r) => {
      const slot = bandOf(m, slotIdx)
      const caller = DESKS[desk % DESKS.length]!
      const res = await r.clinic.host.call(caller, 'holds.create', { slotId: slot.id })
      expect(codeOf(res)).toBe(expectedHold(m, slot))
      if (!res.ok) return
      m.holds.push({
        id: res.value.id,
        slotId: slot.id,
        desk: caller.label,
        expiresAt: m.now + 5 * 60_000,
      })
      if (release) {
        await r.clinic.host.must(caller, 'holds.release', { holdId: res.value.id })
        m.holds = m.holds.filter((h) => h.id !== res.value.id)
        return
      }
      const patientId = m.patients[patientIdx % m.patients.length]!
      const booked = await r.clinic.host.call(caller, 'appointments.book', {
        slotId: slot.id,
        patientId,
        holdId: res.value.id,
        idempotencyKey: newKey(),
      })
      expect(codeOf(booked)).toBe(
        expectedBook(m, slot, patientId, { holdId: res.value.id, desk: caller.label }),
      )
      if (booked.ok) {
        m.holds = m.holds.filter((h) => h.id !== res.value.id)
        afterBook(m, slot.id, patientId, 'PHONE', booked.value)
      }
    },
  )

const walkIn = (patientIdx: number) =>
  cmd(`walkIn(${patientIdx})`, async (m, r) => {
    const patientId = m.patients[patientIdx % m.patients.length]!
    const res = await r.clinic.host.call(RECEPTION, 'appointments.walkIn', {
      scope: { doctorId: r.clinic.doctorIds[0]! },
      patientId,
      idempotencyKey: newKey(),
    })
    const expected = expectedWalkIn(m, patientId)
    expect(codeOf(res)).toBe(typeof expected === 'string' ? expected : 'OK')
    if (res.ok && typeof expected !== 'string') {
      expect(res.value.slotId).toBe(expected.id)
      afterBook(m, expected.id, patientId, 'WALK_IN', res.value)
    }
  })

const CANCELABLE = ['PENDING', 'CONFIRMED', 'CHECKED_IN']
const cancel = (idx: number) =>
  cmd(`cancel(${idx})`, async (m, r) => {
    const a = m.appts[idx % Math.max(1, m.appts.length)]
    if (!a) return
    const res = await r.clinic.host.call(RECEPTION, 'appointments.cancel', {
      id: a.id,
      reason: 'model',
    })
    expect(codeOf(res)).toBe(CANCELABLE.includes(a.status) ? 'OK' : 'ILLEGAL_TRANSITION')
    if (!res.ok) return
    const slot = m.slots.find((s) => s.id === a.slotId)!
    slot.booked--
    if (a.source === 'WALK_IN') slot.walkIns--
    a.status = 'CANCELED'
  })

const reschedule = (idx: number, slotIdx: number) =>
  cmd(`reschedule(${idx}, ${slotIdx})`, async (m, r) => {
    const a = m.appts[idx % Math.max(1, m.appts.length)]
    if (!a) return
    const to = bandOf(m, slotIdx)
    const res = await r.clinic.host.call(RECEPTION, 'appointments.reschedule', {
      id: a.id,
      toSlotId: to.id,
      idempotencyKey: newKey(),
    })
    let expected: string
    if (!CANCELABLE.includes(a.status)) expected = 'ILLEGAL_TRANSITION'
    else if (to.id === a.slotId) expected = 'INVALID_INPUT'
    else {
      // Judge the new booking in the world where the old one is already canceled.
      const trial: Model = structuredClone(m)
      const old = trial.appts.find((x) => x.id === a.id)!
      old.status = 'CANCELED'
      const from = trial.slots.find((s) => s.id === a.slotId)!
      from.booked--
      if (a.source === 'WALK_IN') from.walkIns--
      expected = expectedBook(
        trial,
        trial.slots.find((s) => s.id === to.id)!,
        a.patientId,
      )
      if (expected === 'OK') Object.assign(m, trial)
    }
    expect(codeOf(res)).toBe(expected)
    if (res.ok) afterBook(m, to.id, a.patientId, 'PHONE', res.value)
  })

const checkIn = (idx: number) =>
  cmd(`checkIn(${idx})`, async (m, r) => {
    const a = m.appts[idx % Math.max(1, m.appts.length)]
    if (!a) return
    const res = await r.clinic.host.call(RECEPTION, 'appointments.checkIn', { id: a.id })
    const ok = a.date === TODAY && (a.status === 'CONFIRMED' || a.status === 'PENDING')
    expect(codeOf(res)).toBe(ok ? 'OK' : 'ILLEGAL_TRANSITION')
    if (ok) a.status = 'CHECKED_IN'
  })

const doctorStep = (what: 'callNext' | 'skip' | 'start' | 'complete') =>
  cmd(what, async (m, r) => {
    const doctorId = r.clinic.doctorIds[0]!
    const today = m.appts.filter((a) => a.date === TODAY)
    const called = today.find((a) => a.status === 'CALLED')
    if (what === 'callNext') {
      const res = await r.clinic.host.call(
        { role: 'doctor', doctorId, label: 'doc' },
        'queue.callNext',
        { doctorId },
      )
      const waiting = today.filter((a) => a.status === 'CHECKED_IN' || a.status === 'SKIPPED')
      expect(codeOf(res)).toBe(
        called ? 'ILLEGAL_TRANSITION' : waiting.length === 0 ? 'NOT_FOUND' : 'OK',
      )
      if (res.ok) {
        const a = m.appts.find((x) => x.id === res.value.id)!
        expect(['CHECKED_IN', 'SKIPPED']).toContain(a.status)
        a.status = 'CALLED'
      }
      return
    }
    const target = what === 'complete' ? today.find((a) => a.status === 'IN_PROGRESS') : called
    if (!target) return
    const res = await r.clinic.host.must(
      { role: 'doctor', doctorId, label: 'doc' },
      `queue.${what}`,
      { id: target.id },
    )
    if (what === 'skip') {
      target.skips++
      target.status = target.skips >= 2 ? 'NO_SHOW' : 'SKIPPED'
    } else target.status = what === 'start' ? 'IN_PROGRESS' : 'COMPLETED'
    expect(res.status).toBe(target.status)
  })

const advance = cmd('advance 5 min', async (m, r) => {
  if (m.now - m.start >= 60 * 60_000) return
  m.now += 5 * 60_000
  r.clinic.clock.advance(5 * 60_000)
  m.holds = liveHolds(m)
})

test('random command sequences keep the host and the model in step', async () => {
  const n = fc.nat(40)
  const commands = fc.commands(
    [
      fc.tuple(n, n).map(([s, p]) => book(s, p)),
      fc.constant(retry),
      fc.tuple(n, n, n, fc.boolean()).map(([d, s, p, rel]) => hold(d, s, p, rel)),
      n.map(walkIn),
      n.map(cancel),
      fc.tuple(n, n).map(([a, s]) => reschedule(a, s)),
      n.map(checkIn),
      fc.constantFrom(
        doctorStep('callNext'),
        doctorStep('skip'),
        doctorStep('start'),
        doctorStep('complete'),
      ),
      fc.constant(advance),
    ],
    { maxCommands: 60, size: 'max' },
  )
  await fc.assert(
    fc.asyncProperty(commands, async (cmds) => {
      const clinic = await makeClinic({ patients: 6, quota: 3, walkIn: 1, weekdays: [1, 2] })
      try {
        const slots = [
          ...(await clinic.host.must(RECEPTION, 'slots.forDoctorDay', {
            doctorId: clinic.doctorIds[0]!,
            date: TODAY,
          })),
          ...(await clinic.host.must(RECEPTION, 'slots.forDoctorDay', {
            doctorId: clinic.doctorIds[0]!,
            date: '2026-12-01',
          })),
        ]
        const start = clinic.clock.now().getTime()
        const model: Model = {
          slots: slots.map((s) => ({
            id: s.id,
            date: s.date,
            start: s.startTime,
            end: s.endTime,
            quota: s.quota,
            walkInReserved: s.walkInReserved,
            booked: 0,
            walkIns: 0,
          })),
          patients: clinic.patientIds,
          appts: [],
          holds: [],
          counters: new Map(),
          now: start,
          start,
        }
        const real: Real = { clinic }
        await fc.asyncModelRun(() => ({ model, real }), cmds)
        const rows = clinic.host.database.sqlite
          .prepare('SELECT id, booked FROM doctor_schedules WHERE doctor_id = ?')
          .all(clinic.doctorIds[0]) as { id: number; booked: number }[]
        for (const slot of model.slots)
          expect(
            rows.find((r) => r.id === slot.id)?.booked,
            `band ${slot.date} ${slot.start}`,
          ).toBe(slot.booked)
      } finally {
        await clinic.host.dispose()
      }
    }),
    { numRuns: Number(process.env.MODEL_RUNS ?? 20) },
  )
}, 300_000)
