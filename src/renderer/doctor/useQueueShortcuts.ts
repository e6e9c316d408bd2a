import { useEffect } from 'react'
import { QUEUE_ACTIONS, enabledActions, runAction, type QueueAction } from './stores/actions'

/**
 * The keys shown on the action buttons: 1–6 on the top row or the numeric keypad.
 * Matched on the physical key (event.code) so a Chinese input method does not swallow them.
 */
export const SHORTCUT_KEYS: Record<QueueAction, string> = Object.fromEntries(
  QUEUE_ACTIONS.map((a, i) => [a, String(i + 1)]),
) as Record<QueueAction, string>

const actionForCode = (code: string): QueueAction | undefined => {
  const digit = /^(?:Digit|Numpad)([1-6])$/.exec(code)?.[1]
  return digit ? QUEUE_ACTIONS[Number(digit) - 1] : undefined
}

const typingInto = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))

export function useQueueShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (
        event.ctrlKey ||
        event.altKey ||
        event.metaKey ||
        event.repeat ||
        typingInto(event.target)
      )
        return
      const action = actionForCode(event.code)
      if (!action || !enabledActions().has(action)) return
      event.preventDefault()
      void runAction(action)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
