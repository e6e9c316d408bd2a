import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { PatientHit } from '../../shared/contract'
import { ageLabel, sexLabel } from './patient-format'
import { openPatientCard, openPatientEdit } from './stores/patient-desk'
import { searchPatients } from './stores/patients'

interface Props {
  readonly onChoose: (patient: PatientHit) => void
  /** Opens the quick registration with what was typed (a name, phone or ID number). */
  readonly onRegister: (typed: string) => void
  /** When this changes the box takes the keyboard. */
  readonly focusToken: number
  readonly today: string
}

const DEBOUNCE_MS = 150

/** Finds a patient as the receptionist types (name, pinyin initials, phone or its last 4, ID number); ↑↓ and Enter pick. */
export function PatientSearch({ onChoose, onRegister, focusToken, today }: Props) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  const [q, setQ] = useState('')
  const [hits, setHits] = useState<readonly PatientHit[]>([])
  const [searchedFor, setSearchedFor] = useState('')
  const [active, setActive] = useState(0)
  const [failed, setFailed] = useState(false)
  // Enter pressed before the answer came: choose the best match as soon as it arrives.
  const enterPending = useRef(false)

  useEffect(() => {
    if (focusToken > 0) input.current?.focus()
  }, [focusToken])

  useEffect(() => {
    enterPending.current = false
    const query = q.trim()
    if (!query) return
    let current = true
    const timer = setTimeout(async () => {
      const result = await searchPatients(query)
      // Only the answer to what is in the box now counts: a slow answer to an older query is dropped.
      if (!current) return
      setFailed(!result.ok)
      setHits(result.ok ? result.value : [])
      setSearchedFor(query)
      setActive(0)
      if (enterPending.current && result.ok && result.value[0]) {
        enterPending.current = false
        onChoose(result.value[0])
        setQ('')
      }
    }, DEBOUNCE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [q, onChoose])

  const settled = searchedFor === q.trim()
  // An empty box shows no results (the last answer is kept but not shown).
  const shown = q.trim() ? hits : []
  const choose = (hit: PatientHit | undefined) => {
    if (!hit) return
    onChoose(hit)
    setQ('')
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, shown.length - 1))
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0))
    else if (e.key === 'Enter') {
      // Enter before the answer came: wait for it rather than choosing a stale row.
      if (settled) choose(shown[active])
      else enterPending.current = q.trim() !== ''
    } else return
    e.preventDefault()
  }

  return (
    <div className="rx-search">
      <label className="rx-search-box">
        <span className="rx-key">F2</span>
        <input
          ref={input}
          data-testid="rx-search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t('reception.searchPlaceholder')}
          aria-label={t('reception.searchLabel')}
          autoComplete="off"
          spellCheck={false}
          role="combobox"
          aria-expanded={shown.length > 0}
          aria-controls="rx-search-results"
        />
      </label>
      <ul className="rx-hits" id="rx-search-results" role="listbox" data-testid="rx-hits">
        {shown.map((hit, i) => (
          <li
            key={hit.id}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : ''}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(hit)}
            data-patient={hit.id}
          >
            <strong>{hit.name}</strong>
            <span>{sexLabel(t, hit.sex)}</span>
            <span>{ageLabel(t, hit.birthDate, today)}</span>
            <span className="rx-mono">{hit.phone ?? '—'}</span>
            <span className="rx-mono muted">{hit.idNumberMasked ?? ''}</span>
            <span className="rx-hit-actions">
              <button
                type="button"
                className="rx-link"
                title={t('patientDesk.openCardOf', { name: hit.name })}
                onClick={(e) => (e.stopPropagation(), openPatientCard(hit.id))}
                data-action="card"
              >
                {t('patientDesk.open')}
              </button>
              <button
                type="button"
                className="rx-link"
                title={t('patientDesk.editOf', { name: hit.name })}
                onClick={(e) => (e.stopPropagation(), void openPatientEdit(hit.id))}
                data-action="edit"
              >
                {t('patientDesk.edit')}
              </button>
            </span>
          </li>
        ))}
        {!q.trim() ? <li className="rx-hits-none">{t('reception.searchHint')}</li> : null}
        {q.trim() && settled && shown.length === 0 ? (
          <li className="rx-hits-none">
            {failed ? t('reception.searchFailed') : t('reception.noMatch')}
          </li>
        ) : null}
      </ul>
      <button
        type="button"
        className="rx-link"
        onClick={() => onRegister(q.trim())}
        data-testid="rx-register-open"
      >
        {t('reception.registerNew')} <span className="rx-key">Alt+N</span>
      </button>
    </div>
  )
}
