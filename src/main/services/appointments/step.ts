import type { Updateable } from 'kysely'
import type { Appointment, AppointmentStatus } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { AppointmentsTable } from '../../db/schema-booking'
import type { WriteContext } from '../../db/write'
import { isLive, STEPS, type Step } from '../../../shared/visit'
import { requireStep } from './lifecycle'
import { loadAppointment } from './rows'

/**
 * Moves one appointment one step of its life cycle, inside a write: checks the step is legal,
 * updates only if the status is still the one read (else STALE), clears the one-per-day guard
 * once the booking is no longer live, audits before/after and tells the screens.
 */
export async function applyStep(
  w: WriteContext,
  id: number,
  step: Step,
  opts: {
    to?: AppointmentStatus
    set?: Updateable<AppointmentsTable>
    today: string
    check?: (a: Appointment) => void
    /** Earlier values of columns `set` changes, for the audit row's before (queue.undo restores them). */
    before?: Record<string, unknown>
    /** What else the audit row's after should say (a reason, a rule) beyond the columns set. */
    note?: Record<string, unknown>
  },
): Promise<Appointment & { callOrder: number }> {
  const before = await loadAppointment(w.tx, id)
  opts.check?.(before)
  const to = opts.to ?? STEPS[step].to
  requireStep(step, before.status, to)
  const changed = await w.tx
    .updateTable('appointments')
    .set({
      ...opts.set,
      status: to,
      updated_at: w.now,
      ...(isLive(to) ? {} : { live_guard: null }),
    })
    .where('id', '=', id)
    .where('status', '=', before.status)
    .executeTakeFirst()
  if (Number(changed.numUpdatedRows) !== 1) throw new AppError('STALE')
  const after = await loadAppointment(w.tx, id)
  w.audit({
    entity: 'appointment',
    entityId: id,
    before: { status: before.status, ...opts.before },
    after: { status: after.status, ...opts.set, ...opts.note },
  })
  w.emit('appointments.changed', {
    doctorId: after.doctorId,
    date: after.date,
    appointmentIds: [id],
  })
  if (after.date === opts.today) w.emit('display.changed', { doctorId: after.doctorId })
  return after
}

export const withoutOrder = ({
  callOrder: _o,
  ...a
}: Appointment & { callOrder: number }): Appointment => a
