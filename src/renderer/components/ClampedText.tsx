import { useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import './clamp.css'

/**
 * Text that may be long (a 2,000-character complaint, a long name), kept to `lines` lines with an
 * ellipsis. The whole text is on demand: in the tooltip, and shown in place by a click or Enter,
 * which a second press folds again.
 *
 * @example <ClampedText text={entry.chiefComplaint} lines={2} testId="complaint" />
 */
export function ClampedText({
  text,
  lines = 1,
  className = '',
  testId,
}: {
  text: string
  lines?: 1 | 2 | 3
  className?: string
  testId?: string
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const toggle = () => setOpen(!open)
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return
    e.preventDefault()
    e.stopPropagation()
    toggle()
  }
  return (
    <span
      className={`clamp clamp-${lines}${open ? ' clamp-open' : ''} ${className}`}
      title={open ? t('clamp.fold') : text}
      role="button"
      tabIndex={0}
      aria-expanded={open}
      onClick={toggle}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      {text}
    </span>
  )
}
