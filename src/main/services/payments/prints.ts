import type { Appointment } from '../../../shared/contract'
import type { Payment, Receipt, Refund, RefundSlip } from '../../../shared/contract/payments'
import { AppError } from '../../../shared/errors'
import { receiptLabel, refundLabel } from '../../../shared/money'
import { archivedQuery } from '../appointments/archive'
import { appointmentQuery, toAppointment } from '../appointments/rows'
import { loadPayment, type Db } from './rows'

/** The paid appointment, live or archived (a receipt is reprintable after archiving). */
export async function paidAppointment(db: Db, id: number): Promise<Appointment> {
  const live = await appointmentQuery(db).where('a.id', '=', id).executeTakeFirst()
  if (live) return toAppointment(live)
  const archived = await archivedQuery(db).where('a.id', '=', id).executeTakeFirst()
  if (archived) return toAppointment(archived)
  throw new AppError('NOT_FOUND', { message: "The payment's appointment no longer exists." })
}

/** What a receipt (收据) prints; `copy` for every print after the first (副本). */
export async function buildReceipt(
  db: Db,
  payment: Payment,
  opts: { copy: boolean; clinicName: string; printedAt: string },
): Promise<Receipt> {
  const a = await paidAppointment(db, payment.appointmentId)
  const doctor = await db
    .selectFrom('doctors as d')
    .innerJoin('departments as dep', 'dep.id', 'd.department_id')
    .select(['d.name', 'd.title', 'dep.name as department'])
    .where('d.id', '=', payment.doctorId)
    .executeTakeFirstOrThrow()
  return {
    payment,
    copy: opts.copy,
    clinicName: opts.clinicName,
    patientName: a.patientName,
    doctorName: doctor.name,
    doctorTitle: doctor.title,
    departmentName: doctor.department,
    visitDate: a.date,
    startTime: a.startTime,
    queueNo: a.queueNo,
    receiptLabel: receiptLabel(payment.receiptNo),
    printedAt: opts.printedAt,
  }
}

/** What a refund slip (退款单) prints. */
export async function buildRefundSlip(
  db: Db,
  refund: Refund,
  opts: { clinicName: string; printedAt: string },
): Promise<RefundSlip> {
  const payment = await loadPayment(db, refund.paymentId)
  const a = await paidAppointment(db, payment.appointmentId)
  return {
    refund,
    clinicName: opts.clinicName,
    patientName: a.patientName,
    receiptLabel: receiptLabel(payment.receiptNo),
    refundLabel: refundLabel(refund.refundNo),
    printedAt: opts.printedAt,
  }
}
