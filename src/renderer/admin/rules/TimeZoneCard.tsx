import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../components/Dialog'
import { knownTimeZones, zoneShiftHours, zoneToday } from '../../../shared/clinic-time'
import { useSubmit } from '../../components/useSubmit'
import { useClinicTime } from '../../stores/clinic-zone'
import { readSettings, updateSettings, useAdminSettings } from '../stores/settings'

/**
 * "Now" by the host's clock (settings.get), not this PC's: the host decides what today is.
 * The offset is read once per zone; the PC's clock then only measures elapsed time.
 */
function useHostNow(zone: string | undefined): () => Date {
  const [offset, setOffset] = useState(0)
  useEffect(() => {
    let current = true
    void readSettings({}).then((r) => {
      if (current && r.ok) setOffset(new Date(r.value.now).getTime() - Date.now())
    })
    return () => void (current = false)
  }, [zone])
  return () => new Date(Date.now() + offset)
}

/** What changing the zone moves, said before it is done. */
function ConfirmZone({
  from,
  to,
  now,
  onClose,
  onDone,
}: {
  from: string
  to: string
  now: Date
  onClose: () => void
  onDone: () => void
}) {
  const { t } = useTranslation()
  const { run, busy, errorText } = useSubmit(() => updateSettings({ timeZone: to }), onDone)
  return (
    <Dialog title={t('clinicZone.confirmTitle')} onClose={onClose} testId="zone-confirm">
      <p>{t('clinicZone.moves', { from, to })}</p>
      <ul className="zone-moves">
        <li>
          {t('clinicZone.movesToday', {
            today: zoneToday(to, now),
            todayBefore: zoneToday(from, now),
          })}
        </li>
        <li>{t('clinicZone.movesSlots')}</li>
        <li>{t('clinicZone.movesShown', { hours: zoneShiftHours(from, to, now) })}</li>
        <li>{t('clinicZone.movesAudit')}</li>
      </ul>
      {errorText ? <p className="error">{errorText}</p> : null}
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void run()}
          data-testid="zone-confirm-yes"
        >
          {t('clinicZone.confirm')}
        </button>
        <button type="button" onClick={onClose}>
          {t('clinicZone.cancel')}
        </button>
      </div>
    </Dialog>
  )
}

/**
 * 诊所时区: the zone "today", every slot and every time shown follow. A searchable list of the
 * zones this runtime knows; changing it asks first, saying what moves, and is audited by the host.
 */
export function TimeZoneCard() {
  const { t } = useTranslation()
  const current = useAdminSettings((s) => s.settings?.timeZone)
  const clinicTime = useClinicTime()
  const hostNow = useHostNow(current)
  const zones = useMemo(() => knownTimeZones(), [])
  const [query, setQuery] = useState('')
  const [picked, setPicked] = useState('')
  const [confirming, setConfirming] = useState(false)
  const [changed, setChanged] = useState<string | null>(null)
  const needle = query.trim().toLowerCase().replace(/\s+/g, '_')
  const shown = needle ? zones.filter((z) => z.toLowerCase().includes(needle)) : zones
  if (!current) return null
  return (
    <section className="card settings-form" data-testid="zone-card">
      <h2>{t('clinicZone.title')}</h2>
      <p data-testid="zone-current">
        {t('clinicZone.current', { zone: current, now: clinicTime(hostNow(), 'dateTime') })}
      </p>
      <label className="setting">
        <span className="setting-label">{t('clinicZone.search')}</span>
        <span className="setting-input">
          <input
            type="search"
            name="zoneSearch"
            className="wide"
            value={query}
            placeholder={t('clinicZone.searchHint')}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="zone-search"
          />
          <span className="unit">{t('clinicZone.matches', { count: shown.length })}</span>
        </span>
      </label>
      {shown.length === 0 ? (
        <p className="empty">{t('clinicZone.none')}</p>
      ) : (
        <select
          size={6}
          name="timeZone"
          className="zone-list"
          value={picked}
          onChange={(e) => setPicked(e.target.value)}
          aria-label={t('clinicZone.title')}
          data-testid="zone-list"
        >
          {shown.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={!picked || picked === current}
          onClick={() => setConfirming(true)}
          data-testid="zone-change"
        >
          {t('clinicZone.change')}
        </button>
        <span className="form-message" aria-live="polite">
          {changed ? (
            <span data-testid="zone-changed">{t('clinicZone.changed', { zone: changed })}</span>
          ) : null}
        </span>
      </div>
      {confirming ? (
        <ConfirmZone
          from={current}
          to={picked}
          now={hostNow()}
          onClose={() => setConfirming(false)}
          onDone={() => {
            setConfirming(false)
            setChanged(picked)
            setPicked('')
          }}
        />
      ) : null}
    </section>
  )
}
