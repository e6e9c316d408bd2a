import { StrictMode, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import '../i18n'
import '../styles.css'

/** Mounts a screen into #root. */
export function mount(screen: ReactNode): void {
  const root = document.getElementById('root')
  if (!root) throw new Error('#root is missing')
  createRoot(root).render(<StrictMode>{screen}</StrictMode>)
}
