import { useTranslation } from 'react-i18next'
import { errorSentence } from '../../i18n'
import {
  chooseKeep,
  clearSide,
  pickSide,
  searchSide,
  useAdminMerge,
  type MergeSide,
} from '../stores/merge'

/** One side of the merge page: find a record, see it whole, mark it as the one to keep. */
export function MergeColumn({ side }: { side: MergeSide }) {
  const { t } = useTranslation()
  const state = useAdminMerge((s) => s.sides[side])
  const keep = useAdminMerge((s) => s.keep)
  const { patient } = state
  const title = t(side === 'a' ? 'patientMerge.sideA' : 'patientMerge.sideB')
  const dash = t('patientMerge.none')
  return (
    <section
      className={`card merge-column${patient && keep !== null ? (keep === side ? ' merge-keep' : ' merge-retire') : ''}`}
      data-testid={`merge-side-${side}`}
      aria-label={title}
    >
      <div className="card-head">
        <h2>{title}</h2>
        {patient ? (
          <button type="button" onClick={() => clearSide(side)}>
            {t('patientMerge.change')}
          </button>
        ) : null}
      </div>
      {!patient ? (
        <>
          <label className="merge-search">
            <span>{t('patientMerge.search')}</span>
            <input
              name={`search-${side}`}
              value={state.query}
              placeholder={t('patientMerge.searchPlaceholder')}
              maxLength={40}
              onChange={(e) => void searchSide(side, e.target.value)}
            />
          </label>
          {state.mergedInto !== null ? (
            <p className="report-warn">
              {t('patientMerge.mergedAway', { id: state.mergedInto })}{' '}
              <button type="button" onClick={() => void pickSide(side, state.mergedInto!)}>
                {t('patientMerge.openMerged', { id: state.mergedInto })}
              </button>
            </p>
          ) : state.error ? (
            <p className="error">{errorSentence(state.error)}</p>
          ) : null}
          {state.searched && state.hits.length === 0 ? (
            <p className="empty">{t('patientMerge.noMatch')}</p>
          ) : null}
          <ul className="merge-hits">
            {state.hits.map((h) => (
              <li key={h.id}>
                <button type="button" onClick={() => void pickSide(side, h.id)}>
                  #{h.id} {h.name} · {t(`patientMerge.sex.${h.sex}`)} · {h.birthDate ?? dash} ·{' '}
                  {h.phone ?? dash}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <dl className="merge-record">
            <dt>{t('patientMerge.field.id')}</dt>
            <dd>#{patient.id}</dd>
            <dt>{t('patientMerge.field.name')}</dt>
            <dd>{patient.name}</dd>
            <dt>{t('patientMerge.field.sex')}</dt>
            <dd>{t(`patientMerge.sex.${patient.sex}`)}</dd>
            <dt>{t('patientMerge.field.birthDate')}</dt>
            <dd>{patient.birthDate ?? dash}</dd>
            <dt>{t('patientMerge.field.phone')}</dt>
            <dd>{patient.phone ?? dash}</dd>
            <dt>{t('patientMerge.field.idNumber')}</dt>
            <dd>{patient.idNumber ?? dash}</dd>
            <dt>{t('patientMerge.field.note')}</dt>
            <dd>{patient.note || dash}</dd>
            <dt>{t('patientMerge.field.createdAt')}</dt>
            <dd>{patient.createdAt.slice(0, 10)}</dd>
            <dt>{t('patientMerge.field.appointments')}</dt>
            <dd data-testid={`merge-count-${side}`}>
              {t('patientMerge.counts', { total: state.appointments, live: state.live })}
            </dd>
          </dl>
          <label className="setting-check merge-choice">
            <input
              type="radio"
              name="keep"
              value={side}
              checked={keep === side}
              onChange={() => chooseKeep(side)}
            />
            <span>{t('patientMerge.keepThis')}</span>
          </label>
          {keep !== null && keep !== side ? (
            <p className="muted">{t('patientMerge.willRetire')}</p>
          ) : null}
        </>
      )}
    </section>
  )
}
