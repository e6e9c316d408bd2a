import { useTranslation } from 'react-i18next'

const KEYS = [
  ['F2', 'search'],
  ['F3', 'walkIn'],
  ['F4', 'dayList'],
  ['PgUp/PgDn', 'day'],
  ['← ↑ → ↓ Enter', 'grid'],
  ['Alt+N', 'register'],
  ['F8', 'shift'],
  ['Esc', 'cancel'],
] as const

/** The keyboard shortcuts, always on screen: a new receptionist learns them by looking. */
export function ShortcutBar() {
  const { t } = useTranslation()
  return (
    <ul
      className="rx-shortcuts"
      aria-label={t('reception.shortcuts.title')}
      data-testid="rx-shortcuts"
    >
      {KEYS.map(([key, what]) => (
        <li key={key}>
          <kbd>{key}</kbd> {t(`reception.shortcuts.${what}`)}
        </li>
      ))}
    </ul>
  )
}
