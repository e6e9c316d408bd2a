import { useTranslation } from 'react-i18next'
import { errorSentence } from '../i18n'
import { QUEUE_ACTIONS, enabledActions, runAction, useDoctorActions } from './stores/actions'
import { connection } from '../stores/connection'
import { useDoctorQueue } from './stores/queue'
import { SHORTCUT_KEYS, useQueueShortcuts } from './useQueueShortcuts'

/** The room's six actions as big buttons, each with its shortcut key; the host's refusal shown as a sentence. */
export function QueueActions() {
  const { t } = useTranslation()
  useQueueShortcuts()
  // Re-render when the queue, the connection or an action's state changes; which buttons apply is derived from both.
  useDoctorQueue((s) => s.queue)
  connection((s) => s.status)
  const { busy, error } = useDoctorActions()
  const enabled = enabledActions()
  return (
    <div className="queue-actions">
      <div className="queue-action-buttons" role="toolbar" aria-label={t('doctor.actionsLabel')}>
        {QUEUE_ACTIONS.map((action) => (
          <button
            key={action}
            type="button"
            className={`action action-${action}${action === 'callNext' ? ' primary' : ''}`}
            data-testid={`action-${action}`}
            disabled={!enabled.has(action) || busy !== null}
            aria-keyshortcuts={SHORTCUT_KEYS[action]}
            onClick={() => void runAction(action)}
          >
            <kbd>{SHORTCUT_KEYS[action]}</kbd>
            {busy === action ? t('doctor.working') : t(`doctor.actions.${action}`)}
          </button>
        ))}
      </div>
      <p className="action-error error" role="alert" data-testid="action-error">
        {error ? errorSentence(error) : ''}
      </p>
    </div>
  )
}
