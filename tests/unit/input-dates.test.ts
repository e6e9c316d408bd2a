import { z } from 'zod'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { methods, type MethodSpec } from '../../src/shared/contract'
import { isRealDate } from '../../src/shared/real-date'
import type { Caller, Role } from '../../src/shared/roles'
import { snapshotTables } from '../helpers/engine-sql'
import { forEachEngine } from '../helpers/engines'
import {
  ADMIN,
  DISPLAY,
  doctorCaller,
  makeTestHost,
  RECEPTION,
  type TestHost,
} from '../helpers/test-host'

/**
 * Dates that have the YYYY-MM-DD shape but name no day. Every method whose input has a date field
 * (found by walking the contract, not listed by hand) refuses each one as INVALID_INPUT on that
 * field, and the database stays as it was.
 */
const NO_SUCH_DAYS = ['2026-02-30', '2026-04-31', '2027-02-29', '0000-01-01']

/**
 * A date field is a string whose pattern has the day's shape: it admits 2026-03-02 and refuses
 * month 13. Matching by pattern rather than by identity with `isoDate` also finds a copy of the
 * regex that left the calendar check behind.
 */
function isDateField(schema: z.ZodType): boolean {
  if (schema.def.type !== 'string') return false
  const { pattern } = z.toJSONSchema(schema, { io: 'input' }) as { pattern?: string }
  if (pattern === undefined) return false
  const shape = new RegExp(pattern)
  return shape.test('2026-03-02') && !shape.test('2026-13-01')
}

/** The dotted path of every date field in an input schema (through optional, nullable, default, union, array). */
function datePaths(schema: z.ZodType, path: string[] = []): string[] {
  if (isDateField(schema)) return [path.join('.')]
  const def = schema.def as unknown as Record<string, unknown> & { type: string }
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, field]) =>
        datePaths(field, [...path, key]),
      )
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return datePaths(def.innerType as z.ZodType, path)
    case 'pipe':
      return datePaths(def.in as z.ZodType, path)
    case 'array':
      return datePaths(def.element as z.ZodType, [...path, '0'])
    case 'union':
      return [...new Set((def.options as z.ZodType[]).flatMap((o) => datePaths(o, path)))]
    default:
      return []
  }
}

const withDates = Object.entries(methods as Record<string, MethodSpec>)
  .map(([name, spec]) => ({ name, spec, paths: datePaths(spec.input) }))
  .filter((m) => m.paths.length > 0)

/**
 * A valid input for each such method, its dates real. A method that gains a date field and has
 * no entry here fails the test below: add one.
 */
const VALID: Record<string, Record<string, unknown>> = {
  'patients.register': { name: '李四', sex: 'M', birthDate: '1990-03-01' },
  'patients.update': { id: 1, name: '李四', sex: 'M', birthDate: '1990-03-01' },
  'schedules.generate': { from: '2026-03-02' },
  'schedules.closeDay': { doctorId: 1, date: '2026-03-02', reason: '外出' },
  'holidays.list': { from: '2026-03-02' },
  'holidays.set': { date: '2026-03-02', name: '节日' },
  'holidays.remove': { date: '2026-03-02' },
  'leave.list': { from: '2026-03-02' },
  'fees.rules': { on: '2026-03-02' },
  'fees.setRule': { kind: 'NIGHT', amountFen: 500, effectiveFrom: '2026-03-02' },
  'fees.quote': { doctorId: 1, date: '2026-03-02' },
  'leave.create': { doctorId: 1, from: '2026-03-02', to: '2026-03-03', reason: '外出' },
  'slots.forDoctorDay': { doctorId: 1, date: '2026-03-02' },
  'slots.extraForDay': { doctorId: 1, date: '2026-03-02' },
  'slots.addExtraToDay': {
    doctorId: 1,
    date: '2026-03-02',
    count: 1,
    agreedBy: 1,
    idempotencyKey: 'input-dates-k1',
  },
  'slots.forDepartmentDay': { departmentId: 1, date: '2026-03-02' },
  'slots.calendar': { scope: { doctorId: 1 }, from: '2026-03-02', to: '2026-03-09' },
  'appointments.forDay': { date: '2026-03-02' },
  'reports.summary': { from: '2026-03-02', to: '2026-03-09', period: 'day' },
  'reports.revenue': { from: '2026-03-02', to: '2026-03-09', period: 'day' },
  'fhir.export': { from: '2026-03-02', to: '2026-03-09' },
  'exports.startAppointments': {
    from: '2026-03-02',
    to: '2026-03-09',
    format: 'csv',
    language: 'en',
  },
  'exports.startReport': {
    report: { from: '2026-03-02', to: '2026-03-09', period: 'day' },
    table: 'summary',
    format: 'csv',
    language: 'en',
  },
  'exports.startDoctorReport': {
    doctorId: 1,
    from: '2026-03-02',
    to: '2026-03-09',
    period: 'day',
    table: 'summary',
    format: 'csv',
    language: 'en',
  },
  'queue.forDoctorDay': { doctorId: 1, date: '2026-03-02' },
  'queue.closeSession': { doctorId: 1, date: '2026-03-02' },
  'waitlist.add': { patientId: 1, doctorId: 1, date: '2026-03-02' },
  'waitlist.list': { doctorId: 1, date: '2026-03-02' },
  'waitlist.callBacks': { from: '2026-03-02' },
  'payments.refundsDue': { date: '2026-03-02' },
  'payments.paidStatus': { doctorId: 1, date: '2026-03-02' },
  'shifts.list': { from: '2026-03-02', to: '2026-03-09' },
}

const CALLERS: Record<Role, Caller> = {
  admin: ADMIN,
  reception: RECEPTION,
  doctor: doctorCaller(1),
  display: DISPLAY,
}

function withValue(input: Record<string, unknown>, path: string, value: unknown): unknown {
  const copy = structuredClone(input)
  const keys = path.split('.')
  let at = copy as Record<string, unknown>
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>
  at[keys.at(-1) as string] = value
  return copy
}

let host: TestHost
/** The whole database as data (engine-sql.ts), to show a refusal left it as it was. */
const checksum = (): Promise<Record<string, string[]>> => snapshotTables(host)

test('isRealDate: the calendar, not the pattern', () => {
  for (const day of NO_SUCH_DAYS) expect(isRealDate(day)).toBe(false)
  for (const day of ['2028-02-29', '2000-02-29', '0001-01-01', '2026-04-30', '9999-12-31'])
    expect(isRealDate(day)).toBe(true)
  expect(isRealDate('1900-02-29')).toBe(false)
})

test('the walk finds the date fields of the contract, and each method has a valid input here', () => {
  expect(withDates.map((m) => m.name)).toEqual(
    expect.arrayContaining(['holidays.set', 'schedules.closeDay']),
  )
  expect(withDates.find((m) => m.name === 'slots.calendar')?.paths).toEqual(['from', 'to'])
  for (const { name } of withDates) expect(VALID, name).toHaveProperty([name])
})

forEachEngine(() => {
  beforeAll(async () => {
    host = await makeTestHost()
    const dept = await host.must(ADMIN, 'departments.create', { name: '内科' })
    await host.must(ADMIN, 'doctors.create', { name: '王建国', departmentId: dept.id })
    await host.must(ADMIN, 'patients.register', { name: '李四', sex: 'M' })
  })
  afterAll(() => host?.dispose())

  describe.each(withDates)('$name', ({ name, spec, paths }) => {
    test.each(paths)(
      '%s: a day that does not exist is INVALID_INPUT on that field, nothing written',
      async (path) => {
        const valid = VALID[name] as Record<string, unknown>
        // The rest of the input is valid, so the refusal can only be about the date.
        expect(spec.input.safeParse(valid).success).toBe(true)
        const caller = CALLERS[spec.roles[0] as Role]
        const before = await checksum()
        for (const day of NO_SUCH_DAYS) {
          const result = await host.dispatch(caller, name, withValue(valid, path, day))
          expect(result, day).toMatchObject({
            ok: false,
            error: { code: 'INVALID_INPUT', field: path },
          })
          expect(await checksum(), day).toEqual(before)
        }
      },
    )
  })

  test('holidays.set and schedules.closeDay still store a real day (the refusal above is about the date)', async () => {
    const before = await checksum()
    expect(
      await host.call(ADMIN, 'holidays.set', { date: '2028-02-29', name: '闰日' }),
    ).toMatchObject({
      ok: true,
    })
    expect(
      await host.call(ADMIN, 'schedules.closeDay', {
        doctorId: 1,
        date: '2028-02-29',
        reason: '外出',
      }),
    ).toMatchObject({ ok: true })
    expect(await checksum()).not.toEqual(before)
  })
})
