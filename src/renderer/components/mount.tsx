import { StrictMode, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { LoginGate } from '../auth/LoginGate'
import '../i18n'
import '../styles.css'

/** Mounts a screen into #root, behind the sign-in gate (setup, login, idle lock). */
export function mount(screen: ReactNode): void {
  const root = document.getElementById('root')
  if (!root) throw new Error('#root is missing')
  createRoot(root).render(
    <StrictMode>
      <LoginGate>{screen}</LoginGate>
    </StrictMode>,
  )
}
