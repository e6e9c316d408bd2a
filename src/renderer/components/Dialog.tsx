import { useEffect, useRef, type ReactNode } from 'react'
import './dialog.css'

/**
 * A modal on the native <dialog>: it traps focus, and Esc closes it (onClose) without
 * reaching the screen's own Esc (at the desk, that would drop the booking in progress).
 */
export function Dialog({
  title,
  onClose,
  children,
  testId,
  wide,
}: {
  title: string
  onClose: () => void
  children: ReactNode
  testId?: string
  wide?: boolean
}) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
      onKeyDown={(e) => e.key === 'Escape' && e.stopPropagation()}
    >
      <h2>{title}</h2>
      {children}
    </dialog>
  )
}
