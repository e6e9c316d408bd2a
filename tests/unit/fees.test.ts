import { afterEach, describe, expect, test } from 'vitest'
import type { FeeRule } from '../../src/shared/contract/fees'
import { formatFen, parseYuan, quoteFee, rulesInForce } from '../../src/shared/fees'
import { selectRows } from '../helpers/engine-sql'
import { forEachEngine } from '../helpers/engines'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { ADMIN, RECEPTION, doctorCaller, type TestHost } from '../helpers/test-host'

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

/** The rows a price-list write could touch, to see that a refusal changed nothing. */
const checksum = async (host: TestHost): Promise<string> =>
  JSON.stringify(
    await Promise.all(
      ['fee_rules', 'audit_log'].map((t) => selectRows(host, `SELECT * FROM ${t} ORDER BY id`)),
    ),
  )

const rule = (
  id: number,
  kind: FeeRule['kind'],
  target: string,
  amountFen: number,
  effectiveFrom: string,
): FeeRule => ({ id, kind, target, amountFen, effectiveFrom, createdBy: 't', createdAt: 't' })

const visit = {
  doctor: { id: 7, departmentId: 3, title: '主任医师' },
  date: '2026-12-10',
  isHoliday: false,
  daysSinceLastVisit: null,
  staff: false,
}

describe('the price list, pure rules', () => {
  test('in force on a day: the latest effectiveFrom not after it, the later entry on a tie', () => {
    const rules = [
      rule(1, 'TITLE', '主任医师', 3000, '2026-01-01'),
      rule(2, 'TITLE', '主任医师', 5000, '2026-12-01'),
      rule(3, 'TITLE', '主任医师', 4000, '2026-12-01'),
      rule(4, 'TITLE', '主任医师', 9900, '2027-01-01'),
    ]
    expect(rulesInForce(rules, '2026-11-30').map((r) => r.id)).toEqual([1])
    expect(rulesInForce(rules, '2026-12-01').map((r) => r.id)).toEqual([3])
    expect(rulesInForce(rules, '2027-01-01').map((r) => r.id)).toEqual([4])
    expect(rulesInForce(rules, '2025-12-31')).toEqual([])
  })

  test('the doctor override beats the department, which beats the title; nothing priced is 0', () => {
    const title = rule(1, 'TITLE', '主任医师', 3000, '2026-01-01')
    const dept = rule(2, 'DEPARTMENT', '3', 2000, '2026-01-01')
    const own = rule(3, 'DOCTOR', '7', 8000, '2026-01-01')
    expect(quoteFee([title], visit)).toMatchObject({ source: 'TITLE', totalFen: 3000 })
    expect(quoteFee([title, dept], visit)).toMatchObject({ source: 'DEPARTMENT', totalFen: 2000 })
    expect(quoteFee([title, dept, own], visit)).toMatchObject({ source: 'DOCTOR', totalFen: 8000 })
    expect(quoteFee([], visit)).toMatchObject({ source: 'NONE', totalFen: 0, ruleIds: [] })
    // Another doctor's override, another department's fee do not apply.
    expect(
      quoteFee(
        [rule(4, 'DOCTOR', '8', 1, '2026-01-01'), rule(5, 'DEPARTMENT', '4', 1, '2026-01-01')],
        visit,
      ),
    ).toMatchObject({ source: 'NONE', totalFen: 0 })
  })

  test('night from 18:00 and holiday surcharges add up in fen; staff and 复诊 inside the window are free', () => {
    const rules = [
      rule(1, 'TITLE', '主任医师', 3050, '2026-01-01'),
      rule(2, 'NIGHT', '', 1000, '2026-01-01'),
      rule(3, 'HOLIDAY', '', 505, '2026-01-01'),
      rule(4, 'REVISIT_DAYS', '', 7, '2026-01-01'),
    ]
    expect(quoteFee(rules, { ...visit, startTime: '17:59' }).totalFen).toBe(3050)
    expect(quoteFee(rules, { ...visit, startTime: '18:00' })).toMatchObject({
      nightFen: 1000,
      totalFen: 4050,
    })
    expect(quoteFee(rules, { ...visit, startTime: '19:00', isHoliday: true })).toMatchObject({
      totalFen: 4555,
      ruleIds: [1, 2, 3],
    })
    expect(quoteFee(rules, { ...visit, staff: true })).toMatchObject({ free: 'STAFF', totalFen: 0 })
    expect(quoteFee(rules, { ...visit, daysSinceLastVisit: 7 })).toMatchObject({
      free: 'REVISIT',
      totalFen: 0,
      baseFen: 3050,
    })
    expect(quoteFee(rules, { ...visit, daysSinceLastVisit: 8 }).free).toBeNull()
    // A window of 0 days turns the rule off.
    expect(
      quoteFee([...rules, rule(5, 'REVISIT_DAYS', '', 0, '2026-06-01')], {
        ...visit,
        daysSinceLastVisit: 1,
      }).free,
    ).toBeNull()
  })

  test('formatFen shows yuan without floating point', () => {
    expect(formatFen(0)).toBe('0.00')
    expect(formatFen(5)).toBe('0.05')
    expect(formatFen(123456)).toBe('1234.56')
    expect(formatFen(-1050)).toBe('-10.50')
  })

  test('parseYuan reads a typed amount into exact fen, or refuses it', () => {
    expect(['0.30', '12', '12.5', ' 12.05 ', '999999.99'].map(parseYuan)).toEqual([
      30, 1200, 1250, 1205, 99999999,
    ])
    for (const bad of ['', '-1', '1.234', '1e3', '１２', '.5', '12.', 'abc', '1234567'])
      expect(parseYuan(bad), bad).toBeNull()
  })
})

forEachEngine(() =>
  describe('fees.setRule / fees.rules / fees.quote', () => {
    test('a rule is added with an audit row and an event; a later change leaves the earlier quote as it was', async () => {
      clinic = await makeClinic({ doctors: 1, patients: 1 })
      const { host, departmentId } = clinic
      const { id: doctorId } = await host.must(ADMIN, 'doctors.create', {
        name: '刘医生',
        departmentId,
        title: '主治医师',
      })
      const first = await host.must(ADMIN, 'fees.setRule', {
        kind: 'TITLE',
        target: '主治医师',
        amountFen: 1500,
        effectiveFrom: TODAY,
      })
      expect(first).toMatchObject({ kind: 'TITLE', amountFen: 1500, createdBy: ADMIN.label })
      const audit = await host.database.read
        .selectFrom('audit_log')
        .select(['action', 'entity', 'entity_id'])
        .where('entity', '=', 'fee_rule')
        .execute()
      expect(audit).toEqual([{ action: 'fees.setRule', entity: 'fee_rule', entity_id: first.id }])

      await host.must(ADMIN, 'fees.setRule', {
        kind: 'TITLE',
        target: '主治医师',
        amountFen: 2000,
        effectiveFrom: '2026-12-07',
      })
      const today = await host.must(RECEPTION, 'fees.quote', { doctorId, date: TODAY })
      const later = await host.must(RECEPTION, 'fees.quote', { doctorId, date: '2026-12-07' })
      expect([today.totalFen, later.totalFen]).toEqual([1500, 2000])
      expect((await host.must(RECEPTION, 'fees.rules', { on: TODAY })).map((r) => r.id)).toEqual([
        first.id,
      ])
      expect(await host.must(RECEPTION, 'fees.rules', {})).toHaveLength(2)
    })

    test('a holiday and a 复诊 after a completed visit in the same department are seen by the quote', async () => {
      clinic = await makeClinic({ doctors: 1, patients: 1 })
      const { host, doctorIds, patientIds } = clinic
      const doctorId = doctorIds[0]!
      for (const [kind, amountFen] of [
        ['DOCTOR', 2500],
        ['HOLIDAY', 1000],
        ['REVISIT_DAYS', 3],
      ] as const)
        await host.must(ADMIN, 'fees.setRule', {
          kind,
          target: kind === 'DOCTOR' ? String(doctorId) : '',
          amountFen,
          effectiveFrom: TODAY,
        })
      await host.must(ADMIN, 'holidays.set', { date: '2026-12-05', name: '院庆' })
      expect(
        (await host.must(RECEPTION, 'fees.quote', { doctorId, date: '2026-12-05' })).totalFen,
      ).toBe(3500)

      const slot = await slotAt(host, doctorId, TODAY, '09:00')
      const booked = await host.must(RECEPTION, 'appointments.book', {
        slotId: slot.id,
        patientId: patientIds[0]!,
        idempotencyKey: key(),
      })
      const patientId = patientIds[0]!
      // Not free before the visit is over.
      expect(
        (await host.must(RECEPTION, 'fees.quote', { doctorId, date: '2026-12-02', patientId }))
          .free,
      ).toBeNull()
      await host.must(RECEPTION, 'appointments.checkIn', { id: booked.id })
      const doctor = doctorCaller(doctorId)
      await host.must(doctor, 'queue.callNext', { doctorId })
      await host.must(doctor, 'queue.start', { id: booked.id })
      await host.must(doctor, 'queue.complete', { id: booked.id })
      const within = await host.must(RECEPTION, 'fees.quote', {
        doctorId,
        date: '2026-12-03',
        patientId,
      })
      const after = await host.must(RECEPTION, 'fees.quote', {
        doctorId,
        date: '2026-12-04',
        patientId,
      })
      expect([within.free, within.totalFen]).toEqual(['REVISIT', 0])
      expect([after.free, after.totalFen]).toEqual([null, 2500])
    })

    test('bad input is a typed error on the field and writes nothing', async () => {
      clinic = await makeClinic({ doctors: 1, patients: 0 })
      const { host, doctorIds } = clinic
      const before = await checksum(host)
      const bad: [Record<string, unknown>, string, string][] = [
        [{ kind: 'NIGHT', amountFen: -1, effectiveFrom: TODAY }, 'INVALID_INPUT', 'amountFen'],
        [{ kind: 'NIGHT', amountFen: 10.5, effectiveFrom: TODAY }, 'INVALID_INPUT', 'amountFen'],
        [{ kind: 'NIGHT', amountFen: '100', effectiveFrom: TODAY }, 'INVALID_INPUT', 'amountFen'],
        [
          { kind: 'NIGHT', amountFen: 100, effectiveFrom: '2026-11-29' },
          'INVALID_INPUT',
          'effectiveFrom',
        ],
        [
          { kind: 'NIGHT', target: '1', amountFen: 100, effectiveFrom: TODAY },
          'INVALID_INPUT',
          'target',
        ],
        [{ kind: 'TITLE', amountFen: 100, effectiveFrom: TODAY }, 'INVALID_INPUT', 'target'],
        [
          { kind: 'DOCTOR', target: 'x', amountFen: 100, effectiveFrom: TODAY },
          'INVALID_INPUT',
          'target',
        ],
        [
          { kind: 'DOCTOR', target: '999', amountFen: 100, effectiveFrom: TODAY },
          'NOT_FOUND',
          'target',
        ],
        [
          { kind: 'DEPARTMENT', target: '999', amountFen: 100, effectiveFrom: TODAY },
          'NOT_FOUND',
          'target',
        ],
        [
          { kind: 'REVISIT_DAYS', amountFen: 366, effectiveFrom: TODAY },
          'INVALID_INPUT',
          'amountFen',
        ],
        [{ kind: 'FREE', amountFen: 100, effectiveFrom: TODAY }, 'INVALID_INPUT', 'kind'],
      ]
      for (const [input, code, field] of bad) {
        const result = await host.dispatch(ADMIN, 'fees.setRule', input)
        expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code, field } })
      }
      expect(
        await host.dispatch(RECEPTION, 'fees.quote', { doctorId: 999, date: TODAY }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'doctorId' } })
      expect(
        await host.dispatch(RECEPTION, 'fees.quote', {
          doctorId: doctorIds[0]!,
          date: TODAY,
          patientId: 999,
        }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'patientId' } })
      expect(await checksum(host)).toBe(before)
    })

    test('only admin sets prices; reception reads and quotes; a doctor does neither', async () => {
      clinic = await makeClinic({ doctors: 1, patients: 0 })
      const { host, doctorIds } = clinic
      const input = { kind: 'NIGHT', amountFen: 100, effectiveFrom: TODAY }
      const before = await checksum(host)
      expect(await host.dispatch(RECEPTION, 'fees.setRule', input)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
      const doctor = doctorCaller(doctorIds[0]!)
      for (const [name, params] of [
        ['fees.setRule', input],
        ['fees.rules', {}],
        ['fees.quote', { doctorId: doctorIds[0]!, date: TODAY }],
      ] as const)
        expect(await host.dispatch(doctor, name, params)).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' },
        })
      expect(await checksum(host)).toBe(before)
    })
  }),
)
