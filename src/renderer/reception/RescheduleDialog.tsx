import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Appointment, Slot } from '../../shared/contract'
import { useSubmit } from '../components/useSubmit'
import { useDirectory } from '../stores/directory'
import { useClinic } from './stores/clinic'
import { moveMoney, rescheduleAppointment } from './stores/reschedule'
import { yuan } from '../../shared/money-format'
import { AvailabilityCalendar } from './AvailabilityCalendar'
import { monthOf } from './dates'
import { Dialog } from '../components/Dialog'
import { SlotGrid } from './SlotGrid'
import { useDoctorDay } from './useDoctorDay'

/** 改约: the same patient into another band (same or another doctor of the department), old booking canceled — or nothing changes. */
export function RescheduleDialog({
  appointment,
  onClose,
}: {
  appointment: Appointment
  onClose: (moved?: Appointment) => void
}) {
  const { t } = useTranslation()
  const today = useClinic((s) => s.today)
  const doctors = useDirectory((s) => s.doctors)
  const current = doctors.find((d) => d.id === appointment.doctorId)
  const colleagues = doctors.filter((d) => d.departmentId === current?.departmentId && d.active)
  const [doctorId, setDoctorId] = useState(appointment.doctorId)
  const [date, setDate] = useState(appointment.date < today ? today : appointment.date)
  const [month, setMonth] = useState(monthOf(date))
  const [slot, setSlot] = useState<Slot | null>(null)
  const view = useDoctorDay(doctorId, date, month)
  const { reload } = view
  // What the move does to the money, said before confirming (a paid booking only).
  const [money, setMoney] = useState<{ slotId: number; heldFen: number; newFen: number } | null>(
    null,
  )
  useEffect(() => {
    // No band picked: the note hides (differenceFen checks the band), no reset needed.
    if (!slot) return
    let live = true
    void moveMoney(appointment, slot).then((m) => {
      if (live) setMoney(m ? { slotId: slot.id, ...m } : null)
    })
    return () => {
      live = false
    }
  }, [appointment, slot])
  const differenceFen = money && money.slotId === slot?.id ? money.newFen - money.heldFen : null

  const submit = useCallback(async () => {
    const result = await rescheduleAppointment(appointment.id, slot?.id ?? 0)
    if (!result.ok) {
      setSlot(null)
      reload()
    }
    return result
  }, [appointment.id, slot, reload, setSlot])
  const { run, busy, errorText } = useSubmit(submit, onClose)

  return (
    <Dialog
      title={t('reception.rescheduleTitle', {
        no: appointment.queueNo,
        name: appointment.patientName,
      })}
      onClose={() => onClose()}
      testId="rx-reschedule-dialog"
      wide
    >
      <p className="muted">
        {t('reception.rescheduleFrom', {
          time: `${appointment.date} ${appointment.startTime}–${appointment.endTime}`,
          doctor: current?.name ?? '',
        })}
      </p>
      <div className="rx-reschedule">
        <div>
          <label className="rx-inline">
            <span>{t('reception.doctor')}</span>
            <select
              value={doctorId}
              onChange={(e) => {
                setDoctorId(Number(e.target.value))
                setSlot(null)
              }}
              data-testid="rx-reschedule-doctor"
            >
              {colleagues.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} {d.title}
                </option>
              ))}
            </select>
          </label>
          <AvailabilityCalendar
            selected={date}
            today={today}
            month={month}
            days={view.days}
            fromDate={today}
            onSelect={(d) => {
              setDate(d)
              setSlot(null)
            }}
            onMonth={setMonth}
          />
        </div>
        <SlotGrid
          rows={view.rows}
          loading={view.loading}
          mySlotId={slot?.id ?? null}
          busySlotId={null}
          onPick={setSlot}
          focusToken={`${doctorId}@${date}`}
          testId="rx-reschedule-grid"
        />
      </div>
      {differenceFen !== null ? (
        <p
          className={`rx-move-money${differenceFen !== 0 ? ' rx-move-money-diff' : ''}`}
          data-testid="rx-reschedule-money"
          data-difference={differenceFen}
        >
          {differenceFen > 0
            ? t('cashier.moveDue', { amount: yuan(differenceFen) })
            : differenceFen < 0
              ? t('cashier.moveRefund', { amount: yuan(-differenceFen) })
              : t('cashier.moveSame')}
        </p>
      ) : null}
      <p className="rx-message error" role="alert">
        {errorText ?? ''}
      </p>
      <div className="rx-actions">
        <button
          type="button"
          className="primary"
          disabled={!slot || busy}
          onClick={() => void run()}
          data-testid="rx-reschedule-confirm"
        >
          {busy
            ? t('reception.saving')
            : slot
              ? t('reception.rescheduleTo', { time: `${slot.date} ${slot.startTime}` })
              : t('reception.pickBandShort')}
        </button>
        <button type="button" onClick={() => onClose()}>
          {t('reception.back')} <span className="rx-key">Esc</span>
        </button>
      </div>
    </Dialog>
  )
}
