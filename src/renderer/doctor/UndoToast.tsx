import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { errorSentence } from '../i18n'
import { runUndo, useUndo } from './stores/undo'

/** The undo key: 0 (top row or keypad, beside 1–6) or Ctrl+Z; by physical key, past the input method. */
export const UNDO_KEY = '0'

const isUndoKey = (e: KeyboardEvent): boolean =>
  (!e.ctrlKey && !e.altKey && !e.metaKey && (e.code === 'Digit0' || e.code === 'Numpad0')) ||
  ((e.ctrlKey || e.metaKey) && !e.altKey && e.code === 'KeyZ')

const typingInto = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))

/** "已过号 3 号 张三 · 撤销 (8 秒)": one key to take back a 过号 / 未到 pressed by mistake. */
export function UndoToast() {
  const { t } = useTranslation()
  const { offer, left, busy, error, undone } = useUndo()
  useEffect(() => {
    if (!offer) return
    const onKey = (e: KeyboardEvent): void => {
      if (e.repeat || typingInto(e.target) || !isUndoKey(e)) return
      e.preventDefault()
      void runUndo()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [offer])
  if (!offer && !undone) return null
  return (
    <div className="undo-toast" role="status" aria-live="polite" data-testid="undo-toast">
      {offer ? (
        <>
          <span className="undo-text">
            {offer.outcome === 'SKIPPED'
              ? t('undo.skipped', { no: offer.queueNo, name: offer.patientName })
              : t('undo.noShow', { no: offer.queueNo, name: offer.patientName })}
          </span>
          <button
            type="button"
            className="undo-button"
            disabled={busy}
            aria-keyshortcuts={`${UNDO_KEY} Control+Z`}
            onClick={() => void runUndo()}
            data-testid="undo-button"
          >
            <kbd>{UNDO_KEY}</kbd>
            {t('undo.button')}
            <span className="undo-left">({t('undo.seconds', { count: left })})</span>
          </button>
          {error ? <span className="undo-error">{errorSentence(error)}</span> : null}
        </>
      ) : undone ? (
        <span className="undo-text">
          {t('undo.done', { no: undone.queueNo, name: undone.patientName })}
        </span>
      ) : null}
    </div>
  )
}
