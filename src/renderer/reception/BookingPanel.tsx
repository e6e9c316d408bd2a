import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorSentence } from '../i18n'
import { useDirectory } from '../stores/directory'
import {
  cancelBooking,
  choosePatient,
  confirmBooking,
  holdExpired,
  setComplaint,
  setMode,
  useBooking,
} from './stores/booking'
import { useClinic } from './stores/clinic'
import { useDesk } from './stores/desk'
import { openPatientCard } from './stores/patient-desk'
import { openPay } from './stores/cashier'
import { openTicket } from './stores/ticket'
import { HoldCountdown } from './HoldCountdown'
import { PatientSearch } from './PatientSearch'
import { RegisterPatientForm } from './RegisterPatientForm'
import { ageLabel, sexLabel } from './patient-format'

/** Opens quick registration from anywhere in the panel (Alt+N). */
export const REGISTER_EVENT = 'rx-register'

/**
 * The booking being made: the held band (or walk-in), the patient, the chief complaint, confirm.
 * Enter in the complaint box confirms, so a phone booking never needs the mouse.
 */
export function BookingPanel() {
  const { t } = useTranslation()
  const b = useBooking()
  const today = useClinic((s) => s.today)
  const doctors = useDirectory((s) => s.doctors)
  const departments = useDirectory((s) => s.departments)
  const desk = {
    doctorId: useDesk((s) => s.doctorId),
    departmentId: useDesk((s) => s.departmentId),
  }
  const [registering, setRegistering] = useState<string | null>(null)
  const complaint = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (b.focusConfirm > 0) complaint.current?.focus()
  }, [b.focusConfirm])

  useEffect(() => {
    const open = () => setRegistering('')
    window.addEventListener(REGISTER_EVENT, open)
    return () => window.removeEventListener(REGISTER_EVENT, open)
  }, [])

  const submit = async () => {
    const appointment = await confirmBooking()
    // A walk-in is at the desk: take the fee, then print the ticket with its receipt.
    if (appointment && b.mode === 'walkIn') void openPay(appointment, 'ticket')
  }

  const heldDoctor = b.hold ? doctors.find((d) => d.id === b.hold?.slot.doctorId) : undefined
  const walkInTarget =
    desk.doctorId !== null
      ? doctors.find((d) => d.id === desk.doctorId)?.name
      : t('reception.anyDoctorOf', {
          department: departments.find((d) => d.id === desk.departmentId)?.name ?? '',
        })
  const ready =
    b.patient !== null && (b.mode === 'walkIn' ? desk.departmentId !== null : b.hold !== null)
  const bookedDoctor = b.booked ? doctors.find((d) => d.id === b.booked?.doctorId) : undefined

  return (
    <section className="rx-panel card" data-testid="rx-booking" data-mode={b.mode}>
      <div className="rx-modes" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={b.mode === 'phone'}
          onClick={() => setMode('phone')}
          data-testid="rx-mode-phone"
        >
          {t('reception.modePhone')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={b.mode === 'walkIn'}
          onClick={() => setMode('walkIn')}
          data-testid="rx-mode-walkin"
        >
          {t('reception.modeWalkIn')} <span className="rx-key">F3</span>
        </button>
      </div>

      <p
        className={`rx-banner${b.error ? ' rx-banner-error' : b.booked ? ' rx-banner-ok' : ''}`}
        role={b.error ? 'alert' : 'status'}
        data-testid="rx-message"
      >
        {b.error
          ? errorSentence(b.error)
          : b.booked
            ? t(b.booked.source === 'WALK_IN' ? 'reception.bookedWalkIn' : 'reception.booked', {
                no: b.booked.queueNo,
                name: b.booked.patientName,
                doctor: bookedDoctor?.name ?? '',
                time: `${b.booked.date} ${b.booked.startTime}`,
              })
            : ''}
        {b.booked && !b.error ? (
          <button
            type="button"
            className="rx-link"
            onClick={() => b.booked && void openTicket(b.booked.id)}
            data-testid="rx-print-last"
          >
            {t('reception.printTicket')}
          </button>
        ) : null}
        {b.booked && !b.error && b.booked.source === 'PHONE' ? (
          <button
            type="button"
            className="rx-link"
            onClick={() => b.booked && void openPay(b.booked, 'receipt')}
            data-testid="rx-pay-last"
          >
            {t('cashier.pay')}
          </button>
        ) : null}
      </p>

      <div className="rx-step rx-step-band" data-testid="rx-held">
        <span className="rx-step-no">1</span>
        {b.mode === 'walkIn' ? (
          <div>
            <strong>{t('reception.walkInTarget', { target: walkInTarget ?? '—' })}</strong>
            <div className="muted">{t('reception.walkInHint')}</div>
          </div>
        ) : b.hold ? (
          <div>
            <strong>
              {b.hold.slot.date} {b.hold.slot.startTime}–{b.hold.slot.endTime} · {heldDoctor?.name}
            </strong>
            <div>
              <HoldCountdown expiresAt={b.hold.hold.expiresAt} onExpired={holdExpired} />
            </div>
          </div>
        ) : (
          <div className="muted">
            {b.holdingSlotId !== null ? t('reception.holding') : t('reception.pickBand')}
          </div>
        )}
      </div>

      <div className="rx-step rx-step-patient">
        <span className="rx-step-no">2</span>
        {b.patient ? (
          <div className="rx-patient" data-testid="rx-patient">
            <strong>{b.patient.name}</strong> {sexLabel(t, b.patient.sex)}{' '}
            {ageLabel(t, b.patient.birthDate, today)}
            <span className="rx-mono"> {b.patient.phone ?? ''}</span>
            <button
              type="button"
              className="rx-link"
              onClick={() => b.patient && openPatientCard(b.patient.id)}
              data-testid="rx-patient-card-open"
            >
              {t('patientDesk.open')}
            </button>
            <button type="button" className="rx-link" onClick={() => choosePatient(null)}>
              {t('reception.changePatient')}
            </button>
          </div>
        ) : registering !== null ? (
          <RegisterPatientForm
            typed={registering}
            onClose={() => setRegistering(null)}
            onRegistered={(p) => {
              setRegistering(null)
              choosePatient(p)
            }}
          />
        ) : (
          <PatientSearch
            onChoose={choosePatient}
            onRegister={setRegistering}
            focusToken={b.focusSearch}
            today={today}
          />
        )}
      </div>

      <form
        className="rx-step rx-step-confirm"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <span className="rx-step-no">3</span>
        <div className="rx-confirm">
          <input
            ref={complaint}
            value={b.complaint}
            onChange={(e) => setComplaint(e.target.value)}
            placeholder={t('reception.complaintPlaceholder')}
            aria-label={t('reception.complaint')}
            maxLength={2000}
            data-testid="rx-complaint"
          />
          <div className="rx-actions">
            <button
              type="submit"
              className="primary"
              disabled={!ready || b.submitting}
              aria-busy={b.submitting}
              data-testid="rx-confirm"
            >
              {b.submitting
                ? t('reception.booking')
                : b.mode === 'walkIn'
                  ? t('reception.confirmWalkIn')
                  : t('reception.confirmBook')}
              <span className="rx-key">Enter</span>
            </button>
            <button type="button" onClick={() => void cancelBooking()} data-testid="rx-cancel">
              {t('reception.cancel')} <span className="rx-key">Esc</span>
            </button>
          </div>
        </div>
      </form>
    </section>
  )
}
