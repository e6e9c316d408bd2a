import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Slot } from '../../shared/contract'
import { Dialog } from '../components/Dialog'
import { ExtraPlaceFields } from '../components/ExtraPlaceFields'
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
  slots,
  onClose,
}: {
  doctorId: number
  slots: readonly Slot[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const doctor = useDirectory((s) => s.doctors.find((d) => d.id === doctorId))
  const open = candidates(slots)
  const firstFull = open.find((s) => s.placesLeft <= 0) ?? open[0]
  const [slotId, setSlotId] = useState<number | null>(firstFull?.id ?? null)
  const [count, setCount] = useState(1)
  const [reason, setReason] = useState('')
  const [agreed, setAgreed] = useState(false)
  const submit = useCallback(
    () => addExtraPlaces({ slotId: slotId ?? 0, agreedBy: doctorId, count, reason }),
    [slotId, doctorId, count, reason],
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
            value={slotId ?? ''}
            onChange={(e) => setSlotId(Number(e.target.value))}
            data-testid="rx-extra-band"
          >
            {open.map((s) => (
              <option key={s.id} value={s.id}>
                {s.startTime}–{s.endTime} ·{' '}
                {t('reception.band.places', { left: Math.max(0, s.placesLeft), quota: s.quota })}
                {s.extra > 0 ? ` · ${t('extra.included', { count: s.extra })}` : ''}
              </option>
            ))}
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
            disabled={busy || !agreed || slotId === null}
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
