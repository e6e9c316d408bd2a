import { useCallback, useState } from 'react'
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
import { useDirectory } from '../stores/directory'
import { addExtraPlaces } from './stores/extra'

/** Bands that can take an extra place: not closed, not over. A full one first: that is the usual ask. */
const candidates = (slots: readonly Slot[]): Slot[] =>
  slots.filter((s) => s.status !== 'CLOSED' && !s.past)

/**
 * 加号 at the desk: which band, how many, and the doctor's agreement recorded by name (the
 * receptionist confirms that this doctor agreed). The quota rises by exactly that, audited.
 */
export function ExtraDialog({
  doctorId,
  date,
  slots,
  onClose,
}: {
  doctorId: number
  date: string
  slots: readonly Slot[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const doctor = useDirectory((s) => s.doctors.find((d) => d.id === doctorId))
  const open = candidates(slots)
  // A full band first (the usual ask from the grid), else the day: the last band not over.
  const full = open.find((s) => s.placesLeft <= 0)
  const [target, setTarget] = useState<ExtraTarget>(
    full ? { kind: 'band', slotId: full.id } : { kind: 'day', session: 'ALL' },
  )
  const [count, setCount] = useState(1)
  const [reason, setReason] = useState('')
  const [agreed, setAgreed] = useState(false)
  const submit = useCallback(
    () => addExtraPlaces({ doctorId, date, target, agreedBy: doctorId, count, reason }),
    [doctorId, date, target, count, reason],
  )
  const { run, busy, errorText } = useSubmit(submit, onClose)
  const name = doctor?.name ?? ''
  return (
    <Dialog title={t('extra.title', { name })} onClose={onClose} testId="rx-extra-dialog">
      <p className="muted">{t('extra.intro')}</p>
      <form
        className="rx-form"
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
            data-testid="rx-extra-band"
          >
            <ExtraTargetOptions
              bands={open}
              t={t}
              label={(s) =>
                `${s.startTime}–${s.endTime} · ${t('reception.band.places', { left: Math.max(0, s.placesLeft), quota: s.quota })}` +
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
          testIdPrefix="rx-extra"
        />
        <label className="rx-check">
          <input
            type="checkbox"
            checked={agreed}
            onChange={(e) => setAgreed(e.target.checked)}
            data-testid="rx-extra-agreed"
          />
          <span>{t('extra.agreed', { name })}</span>
        </label>
        <p className="rx-message error" role="alert">
          {errorText ?? ''}
        </p>
        <div className="rx-actions">
          <button
            type="submit"
            className="primary"
            disabled={busy || !agreed || open.length === 0}
            data-testid="rx-extra-confirm"
          >
            {busy ? t('reception.saving') : t('extra.confirm', { count })}
          </button>
          <button type="button" onClick={onClose}>
            {t('reception.back')} <span className="rx-key">Esc</span>
          </button>
        </div>
      </form>
    </Dialog>
  )
}
