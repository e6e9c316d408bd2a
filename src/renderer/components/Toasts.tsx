import type { ReactNode } from 'react'
import './feedback.css'

export interface ToastItem {
  readonly id: number
  readonly title: string
  readonly body?: ReactNode
}

/**
 * A stack of short notices in a corner, announced to screen readers. Presentational: the
 * screen's store decides what to show and when each goes away.
 */
export function Toasts({
  items,
  onDismiss,
  dismissLabel,
}: {
  items: readonly ToastItem[]
  onDismiss: (id: number) => void
  dismissLabel: string
}) {
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {items.map((item) => (
        <div key={item.id} className="toast" data-testid="toast">
          <div className="toast-text">
            <strong>{item.title}</strong>
            {item.body ? <div>{item.body}</div> : null}
          </div>
          <button
            type="button"
            className="toast-close"
            aria-label={dismissLabel}
            onClick={() => onDismiss(item.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
