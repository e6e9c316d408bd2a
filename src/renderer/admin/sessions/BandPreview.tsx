import { useTranslation } from 'react-i18next'
import { bandsOf, leftoverMinutes, type SessionShape } from './bands'

/** The time bands the form would generate, recomputed on every keystroke: what the admin is about to create. */
export function BandPreview({ session }: { session: SessionShape }) {
  const { t } = useTranslation()
  const bands = bandsOf(session)
  const leftover = leftoverMinutes(session)
  if (bands.length === 0)
    return (
      <p className="preview-empty" data-testid="band-preview">
        {t('admin.sessions.previewNone')}
      </p>
    )
  const places = bands.reduce((n, b) => n + b.quota, 0)
  const walkIn = bands.reduce((n, b) => n + b.walkIn, 0)
  return (
    <div className="band-preview" data-testid="band-preview">
      <p className="preview-sum" data-testid="band-summary">
        {t('admin.sessions.previewSummary', { bands: bands.length, places, walkIn })}
      </p>
      <ol className="bands">
        {bands.map((b) => (
          <li key={b.startTime} data-testid="band">
            <span className="band-time">
              {b.startTime}–{b.endTime}
            </span>
            <span className="band-quota">×{b.quota}</span>
            {b.walkIn > 0 ? (
              <span className="band-walkin">
                {t('admin.sessions.walkInShort', { count: b.walkIn })}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {leftover > 0 ? (
        <p className="hint">{t('admin.sessions.leftover', { minutes: leftover })}</p>
      ) : null}
    </div>
  )
}
