import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { methods, type MethodSpec } from '../../src/shared/contract'
import { countRows } from '../helpers/engine-sql'
import { forEachEngine } from '../helpers/engines'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { ADMIN, doctorCaller, RECEPTION } from '../helpers/test-host'

/**
 * "A doctor may act only on their own queue", declared as `owner` in the contract and enforced
 * by the dispatcher (src/main/host/ownership.ts), not by each service.
 */
const specs = Object.entries(methods as Record<string, MethodSpec>).sort(([a], [b]) =>
  a.localeCompare(b),
)
const inputKeys = (spec: MethodSpec): string[] | null =>
  'shape' in spec.input && typeof spec.input.shape === 'object' && spec.input.shape !== null
    ? Object.keys(spec.input.shape)
    : null

/**
 * Methods a doctor may call that are about no particular doctor: the caller's own sign-in,
 * the clinic's directory and settings, the event catch-up (already narrowed per caller).
 * A new doctor-callable method must be owned or listed here: its scope is decided, not inherited.
 */
const NOT_DOCTOR_SCOPED = [
  'auth.changeSecret',
  'auth.lock',
  'auth.login',
  'auth.logout',
  'auth.openDisplay',
  'auth.resume',
  'auth.status',
  'auth.switchUser',
  'auth.unlock',
  'directory.get',
  // A job is seen only by the caller who started it, on the same window (services/exports/jobs.ts).
  'exports.cancel',
  'exports.read',
  'exports.status',
  'policy.get',
  'session.whoami',
  'settings.get',
  'setup.init',
  'setup.status',
  'sync.since',
]

const doctorMay = ([, spec]: [string, MethodSpec]): boolean =>
  spec.public === true || spec.roles.includes('doctor')

test('every method a doctor may call with a doctor or an appointment in its input is declared owned', () => {
  for (const [name, spec] of specs.filter(doctorMay)) {
    const keys = inputKeys(spec)
    expect(keys, `${name}: input is an object`).not.toBeNull()
    if (keys!.includes('doctorId')) expect(spec.owner, name).toEqual({ field: 'doctorId' })
    else if (keys!.includes('id') || keys!.some((k) => /appointment|doctor/i.test(k)))
      expect(spec.owner?.field, name).toBeDefined()
  }
})

test('the doctor-callable methods left unowned are exactly the ones decided to be about no doctor', () => {
  const unowned = specs.filter(doctorMay).filter(([, spec]) => !spec.owner)
  expect(unowned.map(([name]) => name)).toEqual(NOT_DOCTOR_SCOPED)
})

test('an owner names a numeric field of the input', () => {
  for (const [name, spec] of specs.filter(([, s]) => s.owner)) {
    expect(inputKeys(spec), name).toContain(spec.owner!.field)
  }
})

forEachEngine(() => {
  describe('the dispatcher holds a doctor to their own doctor', () => {
    let clinic: Clinic
    let mine: number
    let theirs: number
    let theirAppointment: number
    let theirSlot: number
    const owned = specs.filter(([, spec]) => spec.owner)

    beforeAll(async () => {
      clinic = await makeClinic({ doctors: 2, patients: 2 })
      ;[mine, theirs] = clinic.doctorIds as [number, number]
      const slot = await slotAt(clinic.host, theirs, TODAY, '08:30')
      const booked = await clinic.host.must(RECEPTION, 'appointments.book', {
        slotId: slot.id,
        patientId: clinic.patientIds[0]!,
        idempotencyKey: key(),
      })
      await clinic.host.must(RECEPTION, 'appointments.checkIn', { id: booked.id })
      await clinic.host.must(ADMIN, 'queue.callNext', { doctorId: theirs })
      theirAppointment = booked.id
      theirSlot = slot.id
    })
    afterAll(() => clinic?.host.dispose())

    /** The input a method needs, aimed at the other doctor (or their appointment). */
    const paramsFor = (spec: MethodSpec, target: { doctorId: number; id: number }) => {
      // Beyond the target, what the other inputs need to be valid (queue.recheckIn's rule and reason).
      const all: Record<string, unknown> = {
        ...target,
        date: TODAY,
        place: { rule: 'end' },
        reason: 'ownership test',
        slotId: theirSlot,
        count: 1,
        idempotencyKey: key(),
        // from/to/period: a report's range (reports.summary), one day.
        from: TODAY,
        to: TODAY,
        period: 'day',
        // A report table as a file (exports.startDoctorReport).
        table: 'summary',
        format: 'csv',
        language: 'en',
      }
      return Object.fromEntries((inputKeys(spec) ?? []).map((k) => [k, all[k]]))
    }
    /** Everything a refused call could have written: the audit log and every appointment's state. */
    const snapshot = async (): Promise<string> =>
      JSON.stringify({
        audits: await countRows(clinic.host, 'audit_log'),
        appointments: await clinic.host.database.read
          .selectFrom('appointments')
          .select(['id', 'status', 'call_order'])
          .orderBy('id')
          .execute(),
      })

    test.each(owned.map(([name]) => name))(
      "%s: another doctor's is FORBIDDEN, nothing written",
      async (name) => {
        const spec = methods[name as keyof typeof methods] as MethodSpec
        const before = await snapshot()
        const result = await clinic.host.dispatch(
          doctorCaller(mine),
          name,
          paramsFor(spec, { doctorId: theirs, id: theirAppointment }),
        )
        expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
        expect(await snapshot()).toBe(before)
      },
    )

    test.each(owned.map(([name]) => name))(
      '%s: the owning doctor and admin get past the owner check',
      async (name) => {
        const spec = methods[name as keyof typeof methods] as MethodSpec
        for (const caller of [doctorCaller(theirs), ADMIN]) {
          const result = await clinic.host.dispatch(
            caller,
            name,
            paramsFor(spec, { doctorId: theirs, id: theirAppointment }),
          )
          // A refusal past the owner check is the method's own (a state, a missing field), typed
          // alike on both engines: never a crash.
          if (!result.ok) expect(result.error.code).not.toMatch(/^(FORBIDDEN|INTERNAL)$/)
        }
      },
    )

    test('an appointment that does not exist is NOT_FOUND for a doctor, as for anyone', async () => {
      for (const [name, spec] of owned.filter(([, spec]) => spec.owner?.via === 'appointment')) {
        const params = paramsFor(spec as MethodSpec, { doctorId: mine, id: 999_999 })
        expect(await clinic.host.dispatch(doctorCaller(mine), name, params)).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND' },
        })
      }
    })
  })
})
