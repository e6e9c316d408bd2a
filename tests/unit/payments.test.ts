import { sql } from 'kysely'
import { afterEach, describe, expect, test } from 'vitest'
import { forEachEngine } from '../helpers/engines'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { ADMIN, RECEPTION, doctorCaller, type TestHost } from '../helpers/test-host'

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

/** Every money row and the audit log: a refused call must leave them as they were. */
const checksum = async (host: TestHost): Promise<string> => {
  const tables = [
    'payments',
    'refunds',
    'cash_shifts',
    'money_counters',
    'appointments',
    'audit_log',
  ] as const
  const dumps: string[] = []
  for (const t of tables) {
    const rows = await host.database.read.selectFrom(t).selectAll().execute()
    // Sorted: without ORDER BY, PostgreSQL promises no row order.
    dumps.push(JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()))
  }
  return dumps.join('|')
}

/** A clinic whose doctor's visit costs ¥30 (3000 fen), and one booking today. */
async function paidClinic() {
  clinic = await makeClinic({ doctors: 2, patients: 2 })
  const { host, doctorIds, patientIds } = clinic
  for (const d of doctorIds)
    await host.must(ADMIN, 'fees.setRule', {
      kind: 'DOCTOR',
      target: String(d),
      amountFen: d === doctorIds[0] ? 3000 : 2000,
      effectiveFrom: TODAY,
    })
  const slot = await slotAt(host, doctorIds[0]!, TODAY, '09:00')
  const booked = await host.must(RECEPTION, 'appointments.book', {
    slotId: slot.id,
    patientId: patientIds[0]!,
    idempotencyKey: key(),
  })
  return { host, booked }
}

forEachEngine(() => {
  describe('payments', () => {
    test('cash: the change, a receipt with its number, a copy on re-print, audited; paying twice is ALREADY_PAID', async () => {
      const { host, booked } = await paidClinic()
      const due = await host.must(RECEPTION, 'payments.forAppointment', {
        appointmentId: booked.id,
      })
      expect(due).toMatchObject({ heldFen: 0, balanceFen: 3000, payment: null })
      const paid = await host.must(RECEPTION, 'payments.pay', {
        appointmentId: booked.id,
        method: 'CASH',
        expectedFen: 3000,
        tenderedFen: 5000,
      })
      expect(paid.changeFen).toBe(2000)
      expect(paid.payment).toMatchObject({
        amountFen: 3000,
        dueFen: 3000,
        receiptNo: 1,
        standing: true,
      })
      expect(paid.receipt).toMatchObject({ copy: false, receiptLabel: 'SJ00000001' })
      const copy = await host.must(RECEPTION, 'payments.receipt', { paymentId: paid.payment.id })
      expect(copy.copy).toBe(true)
      const audited = await host.database.read
        .selectFrom('audit_log')
        .select('entity')
        .where('action', '=', 'payments.pay')
        .orderBy('id')
        .execute()
      expect(audited).toEqual([{ entity: 'cash_shift' }, { entity: 'payment' }])

      const before = await checksum(host)
      const twice = await host.call(RECEPTION, 'payments.pay', {
        appointmentId: booked.id,
        method: 'CASH',
        expectedFen: 3000,
        tenderedFen: 3000,
      })
      expect(twice.ok ? null : twice.error.code).toBe('ALREADY_PAID')
      expect(await checksum(host)).toBe(before)
    })

    test('bad amounts and a changed price are refused on their field, nothing written', async () => {
      const { host, booked } = await paidClinic()
      const before = await checksum(host)
      const cases: [Record<string, unknown>, string, string][] = [
        [{ method: 'CASH', expectedFen: -1, tenderedFen: 3000 }, 'INVALID_INPUT', 'expectedFen'],
        [{ method: 'CASH', expectedFen: 30.5, tenderedFen: 3000 }, 'INVALID_INPUT', 'expectedFen'],
        [{ method: 'CASH', expectedFen: 3000, tenderedFen: 2999 }, 'INVALID_INPUT', 'tenderedFen'],
        [{ method: 'CASH', expectedFen: 3000 }, 'INVALID_INPUT', 'tenderedFen'],
        [{ method: 'WECHAT', expectedFen: 2500 }, 'STALE', 'expectedFen'],
        [{ method: 'FREE', expectedFen: 3000 }, 'INVALID_INPUT', 'freeReason'],
      ]
      for (const [extra, code, field] of cases) {
        const r = await host.call(RECEPTION, 'payments.pay', {
          appointmentId: booked.id,
          ...extra,
        } as never)
        expect(r.ok ? null : [r.error.code, r.error.field], JSON.stringify(extra)).toEqual([
          code,
          field,
        ])
      }
      expect(await checksum(host)).toBe(before)
    })

    test('refund: never more than paid; 退号 refunds the rest by the same method', async () => {
      const { host, booked } = await paidClinic()
      const { payment } = await host.must(RECEPTION, 'payments.pay', {
        appointmentId: booked.id,
        method: 'WECHAT',
        expectedFen: 3000,
      })
      const before = await checksum(host)
      const tooMuch = await host.call(RECEPTION, 'payments.refund', {
        paymentId: payment.id,
        amountFen: 3001,
        reason: '多退',
      })
      expect(tooMuch.ok ? null : [tooMuch.error.code, tooMuch.error.field]).toEqual([
        'REFUND_EXCEEDS_PAID',
        'amountFen',
      ])
      expect(await checksum(host)).toBe(before)
      const part = await host.must(RECEPTION, 'payments.refund', {
        paymentId: payment.id,
        amountFen: 1000,
        reason: '部分',
      })
      expect(part.refund).toMatchObject({ method: 'WECHAT', amountFen: 1000 })
      expect(part.slip.refundLabel).toBe('TK00000001')
      await host.must(RECEPTION, 'appointments.cancel', { id: booked.id, reason: '患者退号' })
      const after = await host.must(RECEPTION, 'payments.forAppointment', {
        appointmentId: booked.id,
      })
      expect(after.refunds.map((r) => r.amountFen)).toEqual([1000, 2000])
      expect(after.payment).toBeNull()
    })

    test('refund with a submission key: a retry answers the first refund and gives nothing more back; the key on another amount is CONFLICT and changes nothing', async () => {
      const { host, booked } = await paidClinic()
      const { payment } = await host.must(RECEPTION, 'payments.pay', {
        appointmentId: booked.id,
        method: 'WECHAT',
        expectedFen: 3000,
      })
      const input = {
        paymentId: payment.id,
        amountFen: 1000,
        reason: '部分',
        idempotencyKey: key(),
      }
      const first = await host.must(RECEPTION, 'payments.refund', input)
      const again = await host.must(RECEPTION, 'payments.refund', input)
      expect(again.refund).toEqual(first.refund)
      expect(again.slip.refundLabel).toBe(first.slip.refundLabel)
      const money = await host.must(RECEPTION, 'payments.forAppointment', {
        appointmentId: booked.id,
      })
      expect(money.refunds.map((r) => r.amountFen)).toEqual([1000])
      expect(money.heldFen).toBe(2000)

      const before = await checksum(host)
      const other = await host.call(RECEPTION, 'payments.refund', { ...input, amountFen: 500 })
      expect(other.ok ? null : [other.error.code, other.error.field]).toEqual([
        'CONFLICT',
        'idempotencyKey',
      ])
      expect(await checksum(host)).toBe(before)
      // Without a key each press is its own refund, as before.
      const { idempotencyKey: _, ...unkeyed } = input
      await host.must(RECEPTION, 'payments.refund', unkeyed)
      await host.must(RECEPTION, 'payments.refund', unkeyed)
      const after = await host.must(RECEPTION, 'payments.forAppointment', {
        appointmentId: booked.id,
      })
      expect(after.refunds.map((r) => r.amountFen)).toEqual([1000, 1000, 1000])
    })

    test('改约 carries the payment; a cheaper doctor gives the difference back', async () => {
      const { host, booked } = await paidClinic()
      await host.must(RECEPTION, 'payments.pay', {
        appointmentId: booked.id,
        method: 'CASH',
        expectedFen: 3000,
        tenderedFen: 3000,
      })
      const other = await slotAt(host, clinic.doctorIds[1]!, TODAY, '10:00')
      const moved = await host.must(RECEPTION, 'appointments.reschedule', {
        id: booked.id,
        toSlotId: other.id,
        idempotencyKey: key(),
      })
      const money = await host.must(RECEPTION, 'payments.forAppointment', {
        appointmentId: moved.id,
      })
      expect(money.payment).toMatchObject({ carriedFen: 3000, amountFen: 0, dueFen: 2000 })
      expect(money.refunds.map((r) => r.amountFen)).toEqual([1000])
      expect(money.heldFen).toBe(2000)
    })

    test('改约 to a dearer doctor: the difference is owed (not paid for the doctor) until the desk takes it', async () => {
      const { host, booked } = await paidClinic()
      const cheap = await slotAt(host, clinic.doctorIds[1]!, TODAY, '10:00')
      const first = await host.must(RECEPTION, 'appointments.reschedule', {
        id: booked.id,
        toSlotId: cheap.id,
        idempotencyKey: key(),
      })
      await host.must(RECEPTION, 'payments.pay', {
        appointmentId: first.id,
        method: 'WECHAT',
        expectedFen: 2000,
      })
      const dear = await slotAt(host, clinic.doctorIds[0]!, TODAY, '11:00')
      const moved = await host.must(RECEPTION, 'appointments.reschedule', {
        id: first.id,
        toSlotId: dear.id,
        idempotencyKey: key(),
      })
      const owed = await host.must(RECEPTION, 'payments.forAppointment', {
        appointmentId: moved.id,
      })
      expect(owed).toMatchObject({ heldFen: 2000, balanceFen: 1000, refunds: [] })
      const doctor = doctorCaller(clinic.doctorIds[0]!)
      const unpaid = await host.must(doctor, 'payments.paidStatus', {
        doctorId: clinic.doctorIds[0]!,
        date: TODAY,
      })
      expect(unpaid.appointments.find((r) => r.appointmentId === moved.id)).toMatchObject({
        paid: false,
      })
      // The screen showed 20 (the whole fee), not the difference: STALE, nothing written.
      const before = await checksum(host)
      const wrong = await host.call(RECEPTION, 'payments.pay', {
        appointmentId: moved.id,
        method: 'WECHAT',
        expectedFen: 3000,
      })
      expect(wrong.ok ? null : wrong.error.code).toBe('STALE')
      expect(await checksum(host)).toBe(before)
      const diff = await host.must(RECEPTION, 'payments.pay', {
        appointmentId: moved.id,
        method: 'WECHAT',
        expectedFen: 1000,
      })
      expect(diff.payment).toMatchObject({ amountFen: 1000, carriedFen: 2000, dueFen: 3000 })
      const paid = await host.must(doctor, 'payments.paidStatus', {
        doctorId: clinic.doctorIds[0]!,
        date: TODAY,
      })
      expect(paid.charging).toBe(true)
      expect(paid.appointments.find((r) => r.appointmentId === moved.id)).toMatchObject({
        paid: true,
      })
    })

    test('改约 to a cheaper doctor refunds the difference by the way it was paid, with a slip', async () => {
      const { host, booked } = await paidClinic()
      await host.must(RECEPTION, 'payments.pay', {
        appointmentId: booked.id,
        method: 'ALIPAY',
        expectedFen: 3000,
      })
      const other = await slotAt(host, clinic.doctorIds[1]!, TODAY, '10:00')
      const moved = await host.must(RECEPTION, 'appointments.reschedule', {
        id: booked.id,
        toSlotId: other.id,
        idempotencyKey: key(),
      })
      const money = await host.must(RECEPTION, 'payments.forAppointment', {
        appointmentId: moved.id,
      })
      expect(money.refunds).toMatchObject([{ amountFen: 1000, method: 'ALIPAY' }])
      expect(money.balanceFen).toBe(0)
      const slip = await host.must(RECEPTION, 'payments.refundSlip', {
        refundId: money.refunds[0]!.id,
      })
      expect(slip.refundLabel).toBe('TK00000001')
      const status = await host.must(doctorCaller(clinic.doctorIds[1]!), 'payments.paidStatus', {
        doctorId: clinic.doctorIds[1]!,
        date: TODAY,
      })
      expect(status).toEqual({
        charging: true,
        appointments: [{ appointmentId: moved.id, paid: true }],
      })
    })

    test('the day-end: totals by method, difference against counted cash; closing twice is SHIFT_CLOSED; paid = standing', async () => {
      const { host, booked } = await paidClinic()
      await host.must(RECEPTION, 'shifts.open', { openingFloatFen: 10000 })
      await host.must(RECEPTION, 'payments.pay', {
        appointmentId: booked.id,
        method: 'CASH',
        expectedFen: 3000,
        tenderedFen: 10000,
      })
      const status = await host.must(doctorCaller(clinic.doctorIds[0]!), 'payments.paidStatus', {
        doctorId: clinic.doctorIds[0]!,
        date: TODAY,
      })
      expect(status).toEqual({
        charging: true,
        appointments: [{ appointmentId: booked.id, paid: true }],
      })
      const open = await host.must(RECEPTION, 'shifts.current', {})
      const sheet = await host.must(RECEPTION, 'shifts.close', {
        shiftId: open!.shift.id,
        countedCashFen: 12900,
      })
      expect(sheet).toMatchObject({ totalFen: 3000, expectedCashFen: 13000, differenceFen: -100 })
      expect(sheet.shift.totalFen).toBe(3000)
      const before = await checksum(host)
      const again = await host.call(RECEPTION, 'shifts.close', {
        shiftId: open!.shift.id,
        countedCashFen: 13000,
      })
      expect(again.ok ? null : again.error.code).toBe('SHIFT_CLOSED')
      expect(await checksum(host)).toBe(before)
      const fixed = await host.must(RECEPTION, 'shifts.correct', {
        shiftId: open!.shift.id,
        countedCashFen: 13000,
        reason: '重点',
      })
      expect(fixed.differenceFen).toBe(0)
      const month = await host.must(ADMIN, 'money.month', { month: TODAY.slice(0, 7) })
      expect(month.totalFen).toBe(3000)
    })

    test('the database refuses a change to a closed shift and a delete of a paid appointment', async () => {
      const { host, booked } = await paidClinic()
      await host.must(RECEPTION, 'payments.pay', {
        appointmentId: booked.id,
        method: 'CARD',
        expectedFen: 3000,
      })
      // Straight on the write connection, past the services: the triggers must refuse.
      const db = host.database.units.db
      await expect(
        sql`DELETE FROM appointments WHERE id = ${booked.id}`.execute(db),
      ).rejects.toThrow(/paid appointment/)
      const open = await host.must(RECEPTION, 'shifts.current', {})
      await host.must(RECEPTION, 'shifts.close', { shiftId: open!.shift.id, countedCashFen: 0 })
      await expect(sql`UPDATE cash_shifts SET total_fen = 1`.execute(db)).rejects.toThrow(
        /closed shift/,
      )
    })

    test('when the clinic charges first, a booking waits PENDING and paying confirms it', async () => {
      clinic = await makeClinic({ doctors: 1, patients: 1 })
      const { host, doctorIds, patientIds } = clinic
      await host.must(ADMIN, 'settings.update', { chargeAtCheckIn: false })
      const slot = await slotAt(host, doctorIds[0]!, TODAY, '09:00')
      const booked = await host.must(RECEPTION, 'appointments.book', {
        slotId: slot.id,
        patientId: patientIds[0]!,
        idempotencyKey: key(),
      })
      expect(booked.status).toBe('PENDING')
      const paid = await host.must(RECEPTION, 'payments.pay', {
        appointmentId: booked.id,
        method: 'FREE',
        expectedFen: 0,
      })
      expect(paid).toMatchObject({ status: 'CONFIRMED', payment: { freeReason: '免费' } })
    })
  })
})
