import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Slot } from '../../shared/contract'
import { Dialog } from '../components/Dialog'
import { ExtraPlaceFields } from '../components/ExtraPlaceFields'
import {
  ExtraTargetOptions,
  parseTarget,
  targetValue,
  type ExtraTarget,
} from '../components/ExtraTargetOptions'
import { useSubmit } from '../components/useSubmit'
import { addOwnExtra, loadOwnBands } from './stores/extra'
import { isReadOnly, useDoctorQueue } from './stores/queue'
import './extra.css'

/** 加号 from the room: the doctor adds places to one of their own bands of the day on screen. */
export function ExtraButton() {
  const { t } = useTranslation()
  const doctorId = useDoctorQueue((s) => s.doctorId)
  const date = useDoctorQueue((s) => s.date)
  const past = useDoctorQueue((s) => s.date !== null && s.today !== null && s.date < s.today)
  const [open, setOpen] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  if (doctorId === null || date === null || past) return null
  return (
    <>
      <button
        type="button"
        className="doctor-extra-open"
        onClick={() => (setDone(null), setOpen(true))}
        data-testid="doctor-extra-open"
      >
        {t('extra.open')}
      </button>
      {done ? (
        <span className="doctor-extra-done" role="status" data-testid="doctor-extra-done">
          {done}
        </span>
      ) : null}
      {open ? (
        <ExtraForm
          doctorId={doctorId}
          date={date}
          onClose={(message) => {
            setOpen(false)
            if (message) setDone(message)
          }}
        />
      ) : null}
    </>
  )
}

function ExtraForm({
  doctorId,
  date,
  onClose,
}: {
  doctorId: number
  date: string
  onClose: (message?: string) => void
}) {
  const { t } = useTranslation()
  const readOnlyDay = useDoctorQueue(isReadOnly)
  const [bands, setBands] = useState<Slot[]>([])
  const [target, setTarget] = useState<ExtraTarget>({ kind: 'day', session: 'ALL' })
  const [count, setCount] = useState(1)
  const [reason, setReason] = useState('')
  useEffect(() => {
    let live = true
    void loadOwnBands(doctorId, date).then((r) => {
      if (!live || !r.ok) return
      const open = r.value.filter((s) => s.status !== 'CLOSED' && !s.past)
      setBands(open)
      // A full band first (the usual ask), else the day: the last band not over.
      const full = open.find((s) => s.placesLeft <= 0)
      if (full) setTarget({ kind: 'band', slotId: full.id })
    })
    return () => void (live = false)
  }, [doctorId, date])
  const submit = useCallback(
    () => addOwnExtra({ doctorId, date, target, count, reason }),
    [doctorId, date, target, count, reason],
  )
  const { run, busy, errorText } = useSubmit(submit, (r) =>
    onClose(t('extra.added', { time: r.slot.startTime, count: r.extra.count })),
  )
  return (
    <Dialog
      title={t('extra.ownTitle', { date })}
      onClose={() => onClose()}
      testId="doctor-extra-dialog"
    >
      <p className="muted">{t(readOnlyDay ? 'extra.ownIntroLater' : 'extra.ownIntro')}</p>
      <form
        className="doctor-extra-form"
        onSubmit={(e) => {
          e.preventDefault()
          void run()
        }}
      >
        <label>
          <span>{t('extra.band')}</span>
          <select
            value={targetValue(target)}
            onChange={(e) => setTarget(parseTarget(e.target.value))}
            data-testid="doctor-extra-band"
          >
            <ExtraTargetOptions
              bands={bands}
              t={t}
              label={(s) =>
                `${s.startTime}–${s.endTime} · ${t('extra.bookedOf', { booked: s.booked, quota: s.quota })}` +
                (s.extra > 0 ? ` · ${t('extra.included', { count: s.extra })}` : '')
              }
            />
          </select>
        </label>
        <ExtraPlaceFields
          count={count}
          onCount={setCount}
          reason={reason}
          onReason={setReason}
          testIdPrefix="doctor-extra"
        />
        <p className="error" role="alert">
          {errorText ?? ''}
        </p>
        <div className="doctor-extra-actions">
          <button
            type="submit"
            className="primary"
            disabled={busy || bands.length === 0}
            data-testid="doctor-extra-confirm"
          >
            {t('extra.confirm', { count })}
          </button>
          <button type="button" onClick={() => onClose()}>
            {t('extra.close')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
