import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { PatientMergeResult } from '../../../shared/contract'
import { Dialog } from '../../components/Dialog'
import { useSubmit } from '../../components/useSubmit'
import { errorSentence } from '../../i18n'
import { mergePatients, startMergeFeed, useAdminMerge } from '../stores/merge'
import { MergeColumn } from './MergeColumn'
import './merge.css'

interface Clash {
  readonly date: string
  readonly doctorName: string
  readonly keptAppointmentId: number
  readonly retiredAppointmentId: number
}

/** 患者合并: two records of one person side by side; the admin keeps one, gives a reason, confirms. */
export function MergePage() {
  const { t } = useTranslation()
  useEffect(startMergeFeed, [])
  const { sides, keep } = useAdminMerge()
  const [reason, setReason] = useState('')
  const [confirming, setConfirming] = useState(false)
  const [done, setDone] = useState<PatientMergeResult | null>(null)
  const a = sides.a.patient
  const b = sides.b.patient
  const kept = keep === 'a' ? a : keep === 'b' ? b : null
  const retired = keep === 'a' ? b : keep === 'b' ? a : null
  const retiredSide = keep === 'a' ? sides.b : sides.a
  const same = a !== null && b !== null && a.id === b.id
  const ready = kept !== null && retired !== null && !same && reason.trim() !== ''
  const { run, busy, error } = useSubmit(
    () => mergePatients({ keepId: kept!.id, retireId: retired!.id, reason: reason.trim() }),
    (result) => {
      setDone(result)
      setConfirming(false)
      setReason('')
    },
  )
  const clashes = (error?.code === 'ALREADY_BOOKED' ? error.details?.['clashes'] : null) as
    readonly Clash[] | null
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    if (ready) {
      setDone(null)
      setConfirming(true)
    }
  }
  const fieldNames = (done?.filled ?? [])
    .map((f) => t(`patientMerge.field.${f}`))
    .join(t('admin.listSeparator'))
  return (
    <div className="stack" data-testid="merge-page">
      <p className="page-intro">{t('patientMerge.intro')}</p>
      {done ? (
        <div className="card report report-ok" data-testid="merge-done">
          <p>
            {t('patientMerge.done', {
              live: done.movedLive,
              archived: done.movedArchived,
              id: done.kept.id,
              name: done.kept.name,
            })}
          </p>
          {done.filled.length > 0 ? (
            <p>{t('patientMerge.filled', { fields: fieldNames })}</p>
          ) : null}
        </div>
      ) : null}
      <div className="merge-sides">
        <MergeColumn side="a" />
        <MergeColumn side="b" />
      </div>
      <form className="card merge-form" onSubmit={onSubmit} noValidate autoComplete="off">
        {same ? <p className="error">{t('patientMerge.same')}</p> : null}
        {a && b && !same && keep === null ? (
          <p className="muted">{t('patientMerge.chooseKeep')}</p>
        ) : null}
        <label>
          <span>{t('patientMerge.reason')}</span>
          <input
            name="reason"
            value={reason}
            maxLength={200}
            placeholder={t('patientMerge.reasonPlaceholder')}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={!ready} data-testid="merge-submit">
          {t('patientMerge.submit')}
        </button>
        {error && !confirming ? (
          <div className="error" data-testid="merge-error">
            {clashes ? (
              <>
                <p>{t('patientMerge.clashes')}</p>
                <ul>
                  {clashes.map((c) => (
                    <li key={c.retiredAppointmentId}>
                      {t('patientMerge.clash', {
                        date: c.date,
                        doctor: c.doctorName,
                        kept: c.keptAppointmentId,
                        retired: c.retiredAppointmentId,
                      })}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{errorSentence(error)}</p>
            )}
          </div>
        ) : null}
      </form>
      {confirming && kept && retired ? (
        <Dialog
          title={t('patientMerge.confirmTitle')}
          onClose={() => setConfirming(false)}
          testId="merge-confirm"
        >
          <p>
            {t('patientMerge.confirmText', {
              keepId: kept.id,
              keepName: kept.name,
              retireId: retired.id,
              retireName: retired.name,
              count: retiredSide.appointments,
            })}
          </p>
          <p className="muted">{t('patientMerge.fillNote')}</p>
          {error ? <p className="error">{errorSentence(error)}</p> : null}
          <div className="form-actions">
            <button type="button" onClick={() => setConfirming(false)}>
              {t('patientMerge.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void run()}
              data-testid="merge-confirm-button"
            >
              {busy ? t('patientMerge.merging') : t('patientMerge.confirm')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  )
}
